package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void fewLeftMeansAtOrBelowTheThresholdLikeTheSignInPrompt() {
        assertThat(RecoveryCodes.few(5, 4)).isFalse();
        assertThat(RecoveryCodes.few(4, 4)).isTrue();
        assertThat(RecoveryCodes.few(1, 4)).isTrue();
        assertThat(RecoveryCodes.few(0, 0)).isTrue();
        assertThat(RecoveryCodes.few(1, 0)).isFalse();
    }
}
