package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(30_000, 3_600_000);

    @Test
    @DisplayName("Given failures, then the wait doubles from the base and stops at the maximum")
    void doublesUpToTheMaximum() {
        assertThat(backoff.delayMillis(0)).isZero();
        assertThat(backoff.delayMillis(1)).isEqualTo(30_000);
        assertThat(backoff.delayMillis(2)).isEqualTo(60_000);
        assertThat(backoff.delayMillis(3)).isEqualTo(120_000);
        assertThat(backoff.delayMillis(7)).isEqualTo(1_920_000);
        assertThat(backoff.delayMillis(8)).isEqualTo(3_600_000);
        assertThat(backoff.delayMillis(1_000)).isEqualTo(3_600_000);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
