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
        </form>
    </#if>
</@layout.registrationLayout>
