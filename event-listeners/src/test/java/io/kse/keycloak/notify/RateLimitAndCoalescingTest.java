package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimitAndCoalescingTest {

    private static final long HOUR = 3_600_000;

    @Test
    @DisplayName("Given fewer mails than the limit in the window, then the next one goes now")
    void underTheLimitSendsNow() {
        RateLimit limit = new RateLimit(3, HOUR);
        assertThat(limit.notBefore(10 * HOUR, 0, 0)).isZero();
        assertThat(limit.notBefore(10 * HOUR, 2, 9 * HOUR + 1)).isZero();
    }

    @Test
    @DisplayName("Given the limit reached, then the mail waits until the oldest one leaves the window, never dropped")
    void atTheLimitPostponesUntilTheOldestLeavesTheWindow() {
        RateLimit limit = new RateLimit(3, HOUR);
        long now = 10 * HOUR;
        long oldest = now - HOUR + 60_000;
        assertThat(limit.notBefore(now, 3, oldest)).isEqualTo(now + 60_000);
        assertThat(limit.notBefore(now, 5, now - 2 * HOUR)).isEqualTo(now + 1);
    }

    @Test
    @DisplayName("Given repeats of a foldable notice within the window, then they fold into the pending one")
    void foldsRepeatsWithinTheWindow() {
        Coalescing coalescing = new Coalescing(60_000);
        assertThat(coalescing.folds(NotificationKind.PASSWORD_CHANGED, 1_000, 30_000)).isTrue();
        assertThat(coalescing.folds(NotificationKind.PASSWORD_CHANGED, 1_000, 61_000)).isFalse();
        assertThat(coalescing.folds(NotificationKind.RECOVERY_CODES_GENERATED, 1_000, 2_000)).isTrue();
    }

    @Test
    @DisplayName("Given notices naming a device, a user or an address, then each is kept")
    void neverFoldsNoticesThatNameSomething() {
        Coalescing coalescing = new Coalescing(60_000);
        assertThat(coalescing.folds(NotificationKind.CREDENTIAL_ADDED, 1_000, 2_000)).isFalse();
        assertThat(coalescing.folds(NotificationKind.CREDENTIAL_REMOVED, 1_000, 2_000)).isFalse();
        assertThat(coalescing.folds(NotificationKind.API_KEY_CREATED, 1_000, 2_000)).isFalse();
        assertThat(coalescing.folds(NotificationKind.API_KEY_EXPIRING_14, 1_000, 2_000)).isFalse();
        assertThat(coalescing.folds(NotificationKind.USER_ADDED, 1_000, 2_000)).isFalse();
        assertThat(coalescing.folds(NotificationKind.EMAIL_CHANGED, 1_000, 2_000)).isFalse();
        assertThat(new Coalescing(0).folds(NotificationKind.PASSWORD_CHANGED, 1_000, 1_000)).isFalse();
    }
}
