<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false displayInfo=false; section>
<!-- template: kse-not-me.ftl (KSE: "this wasn't me" confirmation, then its result) -->
    <#if section = "header">
        ${msg("kse-not-me-" + kseNotMe.state + "-title")}
    <#elseif section = "form">
        <#if kseNotMe.state == "confirm">
            <p id="kse-not-me-intro">${msg("kse-not-me-confirm-intro")}</p>
            <ul id="kse-not-me-steps">
                <li>${msg("kse-not-me-step-sessions")}</li>
                <li>${msg("kse-not-me-step-api-keys")}</li>
                <li>${msg("kse-not-me-step-password")}</li>
                <li>${msg("kse-not-me-step-admins")}</li>
            </ul>
            <#-- A POST, so that mail scanners which follow the link change nothing. -->
            <form id="kse-not-me-form" class="${properties.kcFormClass!}" action="${kseNotMe.confirmUrl}" method="post">
                <@buttons.actionGroup>
                    <@buttons.button id="kse-not-me-confirm" name="kse-not-me-confirm" label="kse-not-me-confirm-button"/>
                </@buttons.actionGroup>
            </form>
        <#else>
            <p id="kse-not-me-done">${msg("kse-not-me-done-intro")}</p>
            <p id="kse-not-me-next">${msg("kse-not-me-done-next")}</p>
        </#if>
    </#if>
</@layout.registrationLayout>
