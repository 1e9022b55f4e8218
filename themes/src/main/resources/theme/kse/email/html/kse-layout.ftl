<#-- Shared layout of KSE notifications. Every value below is HTML-escaped by FreeMarker's HTML output format. -->
<#macro notification>
<html lang="${locale.language}">
<body style="font-family: Arial, Helvetica, sans-serif; color: #1f2328; line-height: 1.5;">
<h2 style="font-size: 18px;">${headline}</h2>
<p>${body}</p>
<#if details?has_content>
<table style="border-collapse: collapse; margin: 12px 0;">
<#list details as detail>
<tr><td style="padding: 2px 12px 2px 0; color: #59636e;">${detail.label}</td><td style="padding: 2px 0;">${detail.value}</td></tr>
</#list>
</table>
</#if>
<#nested>
<p><strong>${advice}</strong></p>
<p style="font-size: 12px; color: #59636e;">${footer}</p>
</body>
</html>
</#macro>
<#-- The "this wasn't me" link of user-facing notices; absent when the notice has none (admin notices). -->
<#macro notMe>
<#if notMeLink??>
<p>${notMeIntro}</p>
<p><a id="kse-not-me-link" href="${notMeLink}" style="display: inline-block; padding: 8px 16px; background: #cf222e; color: #ffffff; text-decoration: none; border-radius: 4px;">${notMeLabel}</a></p>
<p style="font-size: 12px; color: #59636e;">${notMeExpiry}</p>
</#if>
</#macro>
