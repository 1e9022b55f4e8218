package io.kse.keycloak.it.mfa;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Settings of the template's MFA wiring changed for one test through the admin API, and put back after it. */
final class MfaRealmSettings {

    static final String BROWSER_FLOW = "kse browser";
    static final String ENFORCE_MFA = "kse-enforce-mfa";
    static final String RECOVERY_CODES_ACTION = "CONFIGURE_RECOVERY_AUTHN_CODES";

    private MfaRealmSettings() {
    }

    /** Sets one key of the browser Enforce-MFA execution's configuration. */
    static void enforceMfa(ManagedRealm realm, String key, String value) {
        AuthenticationManagementResource flows = realm.admin().flows();
        String configId = flows.getExecutions(BROWSER_FLOW).stream()
                .filter(e -> ENFORCE_MFA.equals(e.getProviderId()))
                .map(AuthenticationExecutionInfoRepresentation::getAuthenticationConfig)
                .findFirst()
                .orElseThrow();
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(configId);
        Map<String, String> original = new HashMap<>(config.getConfig());
        config.getConfig().put(key, value);
        flows.updateAuthenticatorConfig(configId, config);
        realm.cleanup().add(r -> {
            AuthenticatorConfigRepresentation restored = r.flows().getAuthenticatorConfig(configId);
            restored.setConfig(original);
            r.flows().updateAuthenticatorConfig(configId, restored);
        });
    }

    /** Sets one key of the recovery-codes required action's configuration (Keycloak's warning_threshold, max_auth_age). */
    static void recoveryCodesAction(ManagedRealm realm, String key, String value) {
        RequiredActionProviderRepresentation action = realm.admin().flows().getRequiredAction(RECOVERY_CODES_ACTION);
        Map<String, String> original = new HashMap<>(action.getConfig());
        action.getConfig().put(key, value);
        realm.admin().flows().updateRequiredAction(RECOVERY_CODES_ACTION, action);
        realm.cleanup().add(r -> {
            RequiredActionProviderRepresentation restored = r.flows().getRequiredAction(RECOVERY_CODES_ACTION);
            restored.setConfig(original);
            r.flows().updateRequiredAction(RECOVERY_CODES_ACTION, restored);
        });
    }
}
