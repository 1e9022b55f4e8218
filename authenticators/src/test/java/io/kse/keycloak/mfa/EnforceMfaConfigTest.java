package io.kse.keycloak.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class EnforceMfaConfigTest {

    @Nested
    class Defaults {

        @Test
        @DisplayName("Given no config at all, then mfa-required holders, not everyone, passkey then authenticator app")
        void noConfig() {
            EnforceMfaConfig config = EnforceMfaConfig.of(null);

            assertThat(config.requirement()).isEqualTo(new MfaRequirement(false, List.of("mfa-required")));
            assertThat(config.methods()).containsExactly(MfaMethod.PASSKEY, MfaMethod.AUTHENTICATOR_APP);
        }

        @Test
        @DisplayName("Given blank values, then the defaults apply")
        void blankValues() {
            EnforceMfaConfig config = EnforceMfaConfig.from(Map.of(
                    EnforceMfaConfig.ROLES, " ", EnforceMfaConfig.EVERYONE, "", EnforceMfaConfig.METHODS, "##"));

            assertThat(config.requirement()).isEqualTo(new MfaRequirement(false, List.of("mfa-required")));
            assertThat(config.methods()).containsExactly(MfaMethod.PASSKEY, MfaMethod.AUTHENTICATOR_APP);
        }
    }

    @Nested
    class Values {

        @Test
        @DisplayName("Given several roles joined with ##, then each is read, trimmed")
        void roles() {
            EnforceMfaConfig config = EnforceMfaConfig.from(Map.of(EnforceMfaConfig.ROLES, "root ## billing##my-app.deployer"));

            assertThat(config.requirement().roles()).containsExactly("root", "billing", "my-app.deployer");
        }

        @Test
        @DisplayName("Given everyone=true, then everyone is required whatever the roles")
        void everyone() {
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.EVERYONE, "true")).requirement().everyone()).isTrue();
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.EVERYONE, "TRUE ")).requirement().everyone()).isTrue();
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.EVERYONE, "yes")).requirement().everyone()).isFalse();
        }

        @Test
        @DisplayName("Given methods in another order with an unknown one and a duplicate, then known ones in that order, once")
        void methods() {
            EnforceMfaConfig config = EnforceMfaConfig.from(Map.of(
                    EnforceMfaConfig.METHODS, "authenticator-app##sms##passkey##authenticator-app"));

            assertThat(config.methods()).containsExactly(MfaMethod.AUTHENTICATOR_APP, MfaMethod.PASSKEY);
        }

        @Test
        @DisplayName("Given only an unknown method, then all methods are offered rather than none")
        void onlyUnknownMethod() {
            Map<String, String> values = new HashMap<>();
            values.put(EnforceMfaConfig.METHODS, "sms");

            assertThat(EnforceMfaConfig.from(values).methods()).containsExactly(MfaMethod.PASSKEY, MfaMethod.AUTHENTICATOR_APP);
        }

        @Test
        @DisplayName("Given a grace period, then a whole number of days from 0 to 365 is read; anything else means none")
        void graceDays() {
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.GRACE_DAYS, " 14 ")).graceDays()).isEqualTo(14);
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.GRACE_DAYS, "365")).graceDays()).isEqualTo(365);
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.GRACE_DAYS, "366")).graceDays()).isZero();
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.GRACE_DAYS, "-1")).graceDays()).isZero();
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.GRACE_DAYS, "7.5")).graceDays()).isZero();
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.GRACE_DAYS, "99999999999")).graceDays()).isZero();
            assertThat(EnforceMfaConfig.of(null).graceDays()).isZero();
        }

        @Test
        @DisplayName("Given a single allowed method, then only that one is offered")
        void singleMethod() {
            assertThat(EnforceMfaConfig.from(Map.of(EnforceMfaConfig.METHODS, "authenticator-app")).methods())
                    .containsExactly(MfaMethod.AUTHENTICATOR_APP);
        }
    }

    @Nested
    class Properties {

        @Test
        @DisplayName("Given the admin-console form, then its keys and defaults are the reader's")
        void formMatchesReader() {
            assertThat(EnforceMfaConfigProperties.BROWSER).extracting(ProviderConfigProperty::getName)
                    .containsExactly(EnforceMfaConfig.ROLES, EnforceMfaConfig.EVERYONE, EnforceMfaConfig.METHODS,
                            EnforceMfaConfig.GRACE_DAYS);
            assertThat(EnforceMfaConfigProperties.REQUIREMENT).extracting(ProviderConfigProperty::getName)
                    .containsExactly(EnforceMfaConfig.ROLES, EnforceMfaConfig.EVERYONE);

            Map<String, String> defaults = new HashMap<>();
            EnforceMfaConfigProperties.BROWSER.forEach(p -> defaults.put(p.getName(), String.valueOf(p.getDefaultValue())));
            EnforceMfaConfig fromDefaults = EnforceMfaConfig.from(defaults);
            EnforceMfaConfig fromNothing = EnforceMfaConfig.from(Map.of());
            assertThat(fromDefaults.requirement()).isEqualTo(fromNothing.requirement());
            assertThat(fromDefaults.methods()).isEqualTo(fromNothing.methods());
            assertThat(fromDefaults.graceDays()).isEqualTo(fromNothing.graceDays()).isZero();
        }

        @Test
        @DisplayName("Given the methods option, then it lists every method id")
        void methodOptions() {
            ProviderConfigProperty methods = EnforceMfaConfigProperties.BROWSER.get(2);

            assertThat(methods.getOptions()).containsExactly("passkey", "authenticator-app");
            assertThat(methods.getType()).isEqualTo(ProviderConfigProperty.MULTIVALUED_LIST_TYPE);
        }
    }
}
