package io.kse.keycloak.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MfaMethodTest {

    @Test
    @DisplayName("Given a form or config value, then only the exact ids map to a method")
    void fromId() {
        assertThat(MfaMethod.fromId("passkey")).contains(MfaMethod.PASSKEY);
        assertThat(MfaMethod.fromId("authenticator-app")).contains(MfaMethod.AUTHENTICATOR_APP);
        assertThat(MfaMethod.fromId("PASSKEY")).isEmpty();
        assertThat(MfaMethod.fromId("sms")).isEmpty();
        assertThat(MfaMethod.fromId(null)).isEmpty();
    }

    @Test
    @DisplayName("Given a method, then it runs Keycloak's own required action for it")
    void requiredActions() {
        assertThat(MfaMethod.PASSKEY.requiredAction()).isEqualTo("webauthn-register-passwordless");
        assertThat(MfaMethod.AUTHENTICATOR_APP.requiredAction()).isEqualTo("CONFIGURE_TOTP");
    }
}
