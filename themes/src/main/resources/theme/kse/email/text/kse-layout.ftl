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
<#-- The "this wasn't me" link of user-facing notices; absent when the notice has none (admin notices). -->
<#macro notMe>
<#if notMeLink??>

${notMeIntro}
${notMeLabel}: ${notMeLink}
${notMeExpiry}
</#if>
</#macro>
