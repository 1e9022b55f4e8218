package io.kse.keycloak.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;

class GracePeriodTest {

    @Test
    @DisplayName("Given a deadline, then the days left are whole days rounded up, never less than 1 while it runs")
    void daysLeft() {
        long now = Time.currentTime();

        assertThat(GracePeriod.daysLeft(now + 7L * GracePeriod.DAY_SECONDS)).isEqualTo(7);
        assertThat(GracePeriod.daysLeft(now + 6L * GracePeriod.DAY_SECONDS + 60)).isEqualTo(7);
        assertThat(GracePeriod.daysLeft(now + 600)).isEqualTo(1);
        assertThat(GracePeriod.daysLeft(now)).isEqualTo(1);
    }
}
