<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayInfo=false; section>
<!-- template: kse-mfa-choice.ftl (KSE: choice of the second factor to enrol) -->
    <#if section = "header">
        ${msg("kse-mfa-choice-title")}
    <#elseif section = "form">
        <p id="kse-mfa-choice-intro">${msg("kse-mfa-choice-intro")}</p>
        <form id="kse-mfa-choice-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#list kseMfaMethods as kseMethod>
                <p id="kse-mfa-${kseMethod}-help">${msg("kse-mfa-choice-" + kseMethod + "-help")}</p>
                <@buttons.actionGroup>
                    <@buttons.button id="kse-mfa-" + kseMethod name="kse-mfa-method" label="kse-mfa-choice-" + kseMethod
                        type=kseMethod?is_first?then("primary", "secondary") value=kseMethod />
                </@buttons.actionGroup>
            </#list>
            <#if kseMfaGraceDaysLeft??>
                <#-- Offered only while the server says the user's grace period runs; the server checks it again on submit. -->
                <p id="kse-mfa-not-now-help">${msg("kse-mfa-choice-not-now-help")}</p>
                <@buttons.actionGroup>
                    <button id="kse-mfa-not-now" name="kse-mfa-method" value="not-now" type="submit"
                            class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}"
                            aria-describedby="kse-mfa-not-now-help">
                        <#if kseMfaGraceDaysLeft == 1>${msg("kse-mfa-choice-not-now-one")}<#else>${msg("kse-mfa-choice-not-now", kseMfaGraceDaysLeft?c)}</#if>
                    </button>
                </@buttons.actionGroup>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
