package io.kse.keycloak.it.realm;

import static io.kse.keycloak.it.support.PasswordResets.password;
import static io.kse.keycloak.it.support.PasswordResets.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.kse.keycloak.it.support.RenamedRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.InjectUser;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.ManagedUser;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.realm.UserConfig;

/** The nist variant: length and denylist instead of composition rules and periodic change. */
@KeycloakIntegrationTest
class NistPasswordPolicyIT {

    private static final String USERNAME = "nist.long.username";
    private static final String EMAIL = "nist.long.address@kse.test";

    @InjectRealm(fromJson = "/realms/kse-realm-24h-nist.json", config = NistRealm.class)
    ManagedRealm realm;

    @InjectUser(config = NistUser.class, lifecycle = LifeCycle.METHOD)
    ManagedUser user;

    @Test
    void policyHasNoCompositionRulesNoExpiryAndFifteenCharactersMinimum() {
        String policy = realm.admin().toRepresentation().getPasswordPolicy();

        assertThat(policy).contains("length(15)", "passwordBlacklist(kse-denylist.txt)", "passwordHistory(5)")
                .doesNotContain("upperCase", "lowerCase", "digits", "specialChars", "forceExpiredPasswordChange");
    }

    @Test
    void fourteenCharactersAreRefusedAndALowerCasePassphraseOfFifteenIsAccepted() {
        assertThat(refusal(user, "fourteen-chars")).contains("invalidPasswordMinLengthMessage");

        user.admin().resetPassword(password("correct horse b"));
        assertThat(user.admin().credentials()).extracting(CredentialRepresentation::getType).contains("password");
    }

    @Test
    void usernameEmailAndDenylistedPasswordsAreRefused() {
        assertThat(refusal(user, USERNAME)).contains("invalidPasswordNotUsernameMessage");
        assertThat(refusal(user, EMAIL)).contains("invalidPasswordNotEmailMessage");
        assertThat(refusal(user, "1QAZ2WSX3EDC4RFV")).contains("invalidPasswordBlacklistedMessage");
    }


    public static final class NistRealm extends RenamedRealm {
        public NistRealm() {
            super("kse-nist");
        }
    }

    public static final class NistUser implements UserConfig {
        @Override
        public UserBuilder configure(UserBuilder user) {
            return user.username(USERNAME).name("Nist", "Tester").email(EMAIL).emailVerified(true)
                    .password("a long enough passphrase");
        }
    }
}
