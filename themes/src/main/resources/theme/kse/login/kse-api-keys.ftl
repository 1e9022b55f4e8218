<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false displayInfo=false; section>
<!-- template: kse-api-keys.ftl (KSE: self-service page for personal API keys) -->
    <#if section = "header">
        ${msg("kse-api-keys-title")}
    <#elseif section = "form">
        <#--
          The page holds no user data: kse-api-keys.js signs in with the authorization code flow and PKCE as the public
          client kse-api-keys and calls the bearer-only REST API. Every user-controlled value is set with textContent.
        -->
        <div id="kse-api-keys"
             data-client-id="${kseApiKeys.clientId}"
             data-auth-url="${kseApiKeys.authUrl}"
             data-token-url="${kseApiKeys.tokenUrl}"
             data-api-url="${kseApiKeys.apiUrl}"
             data-page-url="${kseApiKeys.pageUrl}"
             data-step-up-acr="${kseApiKeys.stepUpAcr}"
             data-locale="${locale.currentLanguageTag}">
            <p id="kse-api-keys-intro">${msg("kse-api-keys-intro", kseApiKeys.maxDays)}</p>
            <p id="kse-api-keys-status" role="status">${msg("kse-api-keys-loading")}</p>
            <div id="kse-api-keys-error" class="${properties.kcAlertClass!} pf-m-danger" role="alert" hidden>
                <span class="${properties.kcAlertTitleClass!} kc-feedback-text" id="kse-api-keys-error-text"></span>
            </div>

            <div id="kse-api-key-new" class="${properties.kcAlertClass!} pf-m-success" hidden>
                <div>
                    <p class="${properties.kcAlertTitleClass!}">${msg("kse-api-keys-new-title")}</p>
                    <p id="kse-api-key-new-hint">${msg("kse-api-keys-new-hint")}</p>
                    <input id="kse-api-key-new-value" class="${properties.kcInputClass!}" type="text" readonly
                           autocomplete="off" spellcheck="false" aria-label="${msg("kse-api-keys-new-title")}">
                </div>
            </div>

            <div id="kse-api-keys-content" hidden>
                <table id="kse-api-keys-table" class="pf-v5-c-table pf-m-compact pf-m-grid-md" role="grid">
                    <thead>
                    <tr>
                        <th scope="col">${msg("kse-api-keys-col-label")}</th>
                        <th scope="col">${msg("kse-api-keys-col-status")}</th>
                        <th scope="col">${msg("kse-api-keys-col-expires")}</th>
                        <th scope="col">${msg("kse-api-keys-col-last-used")}</th>
                        <th scope="col"><span class="pf-v5-screen-reader">${msg("kse-api-keys-col-actions")}</span></th>
                    </tr>
                    </thead>
                    <tbody id="kse-api-keys-rows"></tbody>
                </table>
                <p id="kse-api-keys-empty" hidden>${msg("kse-api-keys-empty")}</p>

                <form id="kse-api-key-create-form" class="${properties.kcFormClass!}" novalidate>
                    <div class="${properties.kcFormGroupClass!}">
                        <label for="kse-api-key-label" class="${properties.kcLabelClass!}">${msg("kse-api-keys-label")}</label>
                        <span class="${properties.kcInputClass!}">
                            <input id="kse-api-key-label" name="label" type="text" maxlength="100" required autocomplete="off">
                        </span>
                    </div>
                    <div class="${properties.kcFormGroupClass!}">
                        <label for="kse-api-key-days" class="${properties.kcLabelClass!}">${msg("kse-api-keys-days", kseApiKeys.maxDays)}</label>
                        <span class="${properties.kcInputClass!}">
                            <input id="kse-api-key-days" name="days" type="number" min="1" max="${kseApiKeys.maxDays}"
                                   value="${kseApiKeys.defaultDays}">
                        </span>
                    </div>
                    <@buttons.actionGroup>
                        <@buttons.button id="kse-api-key-create" name="create" label="kse-api-keys-create"/>
                    </@buttons.actionGroup>
                </form>
            </div>

            <p><a id="kse-api-keys-back" href="${kseApiKeys.accountUrl}">${msg("kse-api-keys-back")}</a></p>

            <template id="kse-api-key-row">
                <tr>
                    <td data-label="${msg("kse-api-keys-col-label")}"><span class="kse-api-key-label"></span><br><small class="kse-api-key-id"></small></td>
                    <td data-label="${msg("kse-api-keys-col-status")}" class="kse-api-key-status"></td>
                    <td data-label="${msg("kse-api-keys-col-expires")}" class="kse-api-key-expires"></td>
                    <td data-label="${msg("kse-api-keys-col-last-used")}" class="kse-api-key-last-used"></td>
                    <td class="pf-v5-c-table__action">
                        <button type="button" class="${properties.kcButtonSecondaryClass!} kse-api-key-rotate">${msg("kse-api-keys-rotate")}</button>
                        <button type="button" class="${properties.kcButtonSecondaryClass!} pf-m-danger kse-api-key-revoke">${msg("kse-api-keys-revoke")}</button>
                    </td>
                </tr>
            </template>
            <template id="kse-api-keys-text">
                <span data-key="never">${msg("kse-api-keys-never")}</span>
                <span data-key="status-active">${msg("kse-api-keys-status-active")}</span>
                <span data-key="status-rotated">${msg("kse-api-keys-status-rotated")}</span>
                <span data-key="status-revoked">${msg("kse-api-keys-status-revoked")}</span>
                <span data-key="status-expired">${msg("kse-api-keys-status-expired")}</span>
                <span data-key="step-up">${msg("kse-api-keys-step-up")}</span>
                <span data-key="error-generic">${msg("kse-api-keys-error-generic")}</span>
                <span data-key="error-login">${msg("kse-api-keys-error-login")}</span>
                <span data-key="error-invalid_label">${msg("kse-api-keys-error-invalid-label")}</span>
                <span data-key="error-invalid_lifetime">${msg("kse-api-keys-error-invalid-lifetime", kseApiKeys.maxDays)}</span>
                <span data-key="error-too_many_keys">${msg("kse-api-keys-error-too-many")}</span>
                <span data-key="error-not_rotatable">${msg("kse-api-keys-error-not-rotatable")}</span>
                <span data-key="error-step_up_required">${msg("kse-api-keys-error-step-up")}</span>
            </template>
        </div>
        <script type="module" src="${url.resourcesPath}/js/kse-api-keys.js"></script>
    </#if>
</@layout.registrationLayout>
