package io.kse.keycloak.it.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The template lists its required actions (to set their configuration), which replaces Keycloak's default set on
 * import: none may be lost or switched, and every action that adds, replaces or removes a factor from the account
 * console asks for a sign-in within the last 5 minutes.
 */
@KeycloakIntegrationTest
class RequiredActionsIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm template;

    @InjectRealm(ref = "bare")
    ManagedRealm bare;

    @Test
    void theTemplateHasEveryDefaultRequiredActionAsKeycloakCreatesIt() {
        Map<String, Boolean> defaults = enabledByAlias(bare);
        Map<String, Boolean> imported = enabledByAlias(template);

        assertThat(imported).isEqualTo(defaults);
    }

    @Test
    void factorChangesNeedASignInWithinFiveMinutesAndTheRecoveryCodeThresholdIsKeycloaksDefault() {
        Map<String, Map<String, String>> config = template.admin().flows().getRequiredActions().stream()
                .collect(Collectors.toMap(RequiredActionProviderRepresentation::getAlias,
                        RequiredActionProviderRepresentation::getConfig));

        for (String alias : new String[] {"CONFIGURE_TOTP", "webauthn-register", "webauthn-register-passwordless",
                "CONFIGURE_RECOVERY_AUTHN_CODES", "delete_credential"}) {
            assertThat(config.get(alias)).as(alias).containsEntry("max_auth_age", "300");
        }
        assertThat(config.get("CONFIGURE_RECOVERY_AUTHN_CODES")).containsEntry("warning_threshold", "4");
    }

    private static Map<String, Boolean> enabledByAlias(ManagedRealm realm) {
        return realm.admin().flows().getRequiredActions().stream()
                .collect(Collectors.toMap(RequiredActionProviderRepresentation::getAlias,
                        RequiredActionProviderRepresentation::isEnabled));
    }
}
