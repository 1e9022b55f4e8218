package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiKeyLifetimeTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static ApiKeyRealmSettings settings(Map<String, String> attributes) {
        return new ApiKeyRealmSettings(attributes::get);
    }

    @Nested
    class Expiry {

        @Test
        void defaultIsNinetyDays() {
            assertThat(ApiKeyLifetime.expiresAt(NOW, null, settings(Map.of()))).isEqualTo(NOW + 90 * DAY);
        }

        @Test
        void requestedDaysWithinTheMaximumAreHonoured() {
            assertThat(ApiKeyLifetime.expiresAt(NOW, 1, settings(Map.of()))).isEqualTo(NOW + DAY);
            assertThat(ApiKeyLifetime.expiresAt(NOW, 90, settings(Map.of()))).isEqualTo(NOW + 90 * DAY);
        }

        @Test
        void beyondTheMaximumOrBelowOneDayIsRefused() {
            assertThat(ApiKeyLifetime.expiresAt(NOW, 91, settings(Map.of()))).isNegative();
            assertThat(ApiKeyLifetime.expiresAt(NOW, 0, settings(Map.of()))).isNegative();
            assertThat(ApiKeyLifetime.expiresAt(NOW, -5, settings(Map.of()))).isNegative();
        }

        @Test
        void aRealmMaySetAShorterMaximumAndDefault() {
            ApiKeyRealmSettings realm = settings(Map.of(ApiKeyRealmSettings.MAX_LIFETIME_DAYS, "30",
                    ApiKeyRealmSettings.DEFAULT_LIFETIME_DAYS, "7"));

            assertThat(ApiKeyLifetime.expiresAt(NOW, null, realm)).isEqualTo(NOW + 7 * DAY);
            assertThat(ApiKeyLifetime.expiresAt(NOW, 31, realm)).isNegative();
        }

        @Test
        void aKeyIsUsableUntilJustBeforeItsExpiry() {
            long expires = NOW + 90 * DAY;

            assertThat(ApiKeyLifetime.usable(NOW + 89 * DAY, expires, null)).isTrue();
            assertThat(ApiKeyLifetime.usable(expires - 1, expires, null)).isTrue();
            assertThat(ApiKeyLifetime.usable(expires, expires, null)).isFalse();
            assertThat(ApiKeyLifetime.usable(NOW + 91 * DAY, expires, null)).isFalse();
        }

        @Test
        void aRevokedKeyIsNeverUsable() {
            assertThat(ApiKeyLifetime.usable(NOW, NOW + DAY, NOW - 1)).isFalse();
        }
    }

    @Nested
    class Rotation {

        @Test
        void theOldKeyLivesForTheOverlap() {
            assertThat(ApiKeyLifetime.afterRotation(NOW, NOW + 60 * DAY, 24)).isEqualTo(NOW + 24 * HOUR);
        }

        @Test
        void theOverlapNeverExtendsTheOldKey() {
            assertThat(ApiKeyLifetime.afterRotation(NOW, NOW + HOUR, 24)).isEqualTo(NOW + HOUR);
        }

        @Test
        void zeroOverlapEndsTheOldKeyNow() {
            long end = ApiKeyLifetime.afterRotation(NOW, NOW + DAY, 0);

            assertThat(ApiKeyLifetime.usable(NOW, end, null)).isFalse();
        }
    }

    @Nested
    class Settings {

        @Test
        void defaults() {
            ApiKeyRealmSettings defaults = settings(Map.of());

            assertThat(defaults.maxLifetimeDays()).isEqualTo(90);
            assertThat(defaults.defaultLifetimeDays()).isEqualTo(90);
            assertThat(defaults.rotationOverlapHours()).isEqualTo(24);
            assertThat(defaults.maxKeysPerUser()).isEqualTo(10);
            assertThat(defaults.stepUpAcr()).isEqualTo("mfa");
        }

        @Test
        void invalidValuesFallBackToTheDefaultsNeverToMore() {
            ApiKeyRealmSettings odd = settings(Map.of(
                    ApiKeyRealmSettings.MAX_LIFETIME_DAYS, "10000",
                    ApiKeyRealmSettings.DEFAULT_LIFETIME_DAYS, "abc",
                    ApiKeyRealmSettings.ROTATION_OVERLAP_HOURS, "169",
                    ApiKeyRealmSettings.MAX_KEYS_PER_USER, "-1"));

            assertThat(odd.maxLifetimeDays()).isEqualTo(90);
            assertThat(odd.defaultLifetimeDays()).isEqualTo(90);
            assertThat(odd.rotationOverlapHours()).isEqualTo(24);
            assertThat(odd.maxKeysPerUser()).isEqualTo(10);
        }

        @Test
        void aDefaultAboveTheMaximumBecomesTheMaximum() {
            ApiKeyRealmSettings realm = settings(Map.of(ApiKeyRealmSettings.MAX_LIFETIME_DAYS, "30",
                    ApiKeyRealmSettings.DEFAULT_LIFETIME_DAYS, "60"));

            assertThat(realm.defaultLifetimeDays()).isEqualTo(30);
        }

        @Test
        void overlapUpToSevenDays() {
            assertThat(settings(Map.of(ApiKeyRealmSettings.ROTATION_OVERLAP_HOURS, "168")).rotationOverlapHours()).isEqualTo(168);
            assertThat(settings(Map.of(ApiKeyRealmSettings.ROTATION_OVERLAP_HOURS, "0")).rotationOverlapHours()).isZero();
        }
    }

    @Nested
    class LastUsed {

        @Test
        void recordedAtMostOnceAMinute() {
            assertThat(ApiKeyLifetime.shouldRecordUse(NOW, null)).isTrue();
            assertThat(ApiKeyLifetime.shouldRecordUse(NOW, NOW - 59_999)).isFalse();
            assertThat(ApiKeyLifetime.shouldRecordUse(NOW, NOW - 60_000)).isTrue();
        }

        @Test
        void aLastUseInTheFutureIsCorrected() {
            assertThat(ApiKeyLifetime.shouldRecordUse(NOW, NOW + DAY)).isTrue();
        }
    }

    @Nested
    class StepUp {

        private static final long NOW_S = NOW / 1000;

        @Test
        void aSecondFactorWithinFiveMinutesCounts() {
            assertThat(ApiKeyLifetime.recentStepUp(NOW_S, "mfa", NOW_S - 300, "mfa")).isTrue();
            assertThat(ApiKeyLifetime.recentStepUp(NOW_S, "mfa", NOW_S, "mfa")).isTrue();
        }

        @Test
        void olderPasswordOnlyOrUnknownAuthenticationsDoNot() {
            assertThat(ApiKeyLifetime.recentStepUp(NOW_S, "mfa", NOW_S - 301, "mfa")).isFalse();
            assertThat(ApiKeyLifetime.recentStepUp(NOW_S, "password", NOW_S, "mfa")).isFalse();
            assertThat(ApiKeyLifetime.recentStepUp(NOW_S, null, NOW_S, "mfa")).isFalse();
            assertThat(ApiKeyLifetime.recentStepUp(NOW_S, "mfa", null, "mfa")).isFalse();
            assertThat(ApiKeyLifetime.recentStepUp(NOW_S, "mfa", NOW_S + 3600, "mfa")).isFalse();
        }
    }
}
