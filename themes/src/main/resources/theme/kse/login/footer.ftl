<#--
  keycloak.v2's hook for a footer under the login box (its footer.ftl is empty). On the second-factor challenge pages
  (one-time code, security key or passkey) it offers the recovery-code execution of the current flow directly: a plain
  form POST of Keycloak's "authenticationExecution" parameter, which the flow accepts only for an alternative it offers
  this user (the same list "Try another way" shows). No JavaScript, a real button: reachable and usable by keyboard.
-->
<#macro content>
    <#if pageId?? && (pageId == "login-otp" || pageId == "webauthn-authenticate") && auth?has_content>
        <#list auth.authenticationSelections as kseSelection>
            <#if kseSelection.authenticationExecution.authenticator == "auth-recovery-authn-code-form">
                <form id="kse-use-recovery-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                    <input type="hidden" name="authenticationExecution" value="${kseSelection.authExecId}"/>
                    <button id="kse-use-recovery-code" type="submit"
                            class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}">${msg("kse-use-recovery-code")}</button>
                </form>
                <#break>
            </#if>
        </#list>
    </#if>
</#macro>
