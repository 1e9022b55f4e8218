<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayInfo=false; section>
<!-- template: kse-recovery-codes-prompt.ftl (KSE: few recovery codes left, offer new ones) -->
    <#if section = "header">
        ${msg("kse-recovery-codes-prompt-title")}
    <#elseif section = "form">
        <p id="kse-recovery-codes-left">
            <#if kseRecoveryCodesLeft == 0>${msg("kse-recovery-codes-prompt-none")}<#elseif kseRecoveryCodesLeft == 1>${msg("kse-recovery-codes-prompt-one")}<#else>${msg("kse-recovery-codes-prompt-left", kseRecoveryCodesLeft?c)}</#if>
        </p>
        <p id="kse-recovery-codes-prompt-help">${msg("kse-recovery-codes-prompt-help")}</p>
        <form id="kse-recovery-codes-prompt-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup>
                <@buttons.button id="kse-recovery-codes-generate" name="kse-recovery-codes" value="generate"
                    label="kse-recovery-codes-prompt-generate" type="primary" />
            </@buttons.actionGroup>
            <@buttons.actionGroup>
                <@buttons.button id="kse-recovery-codes-later" name="kse-recovery-codes" value="later"
                    label="kse-recovery-codes-prompt-later" type="secondary" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
