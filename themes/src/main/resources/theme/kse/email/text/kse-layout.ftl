<#ftl output_format="plainText">
<#-- Shared layout of KSE notifications, plain-text part. -->
<#macro notification>
${headline}

${body}

<#list details as detail>
${detail.label}: ${detail.value}
</#list>
<#nested>

${advice}

--
${footer}
</#macro>
