package io.kse.keycloak.apikey.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExpiryNoticeTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long CREATED = 1_800_000_000_000L;
    private static final long EXPIRES = CREATED + 90 * DAY;

    @Nested
    class Due {

        @Test
        void nothingMoreThanFourteenDaysAhead() {
            assertThat(ExpiryNotice.due(EXPIRES - 14 * DAY - 1, CREATED, EXPIRES)).isEmpty();
        }

        @Test
        void fourteenDayReminderFromFourteenDaysBefore() {
            assertThat(ExpiryNotice.due(EXPIRES - 14 * DAY, CREATED, EXPIRES)).contains(ExpiryNotice.REMINDER_14);
            assertThat(ExpiryNotice.due(EXPIRES - 13 * DAY, CREATED, EXPIRES)).contains(ExpiryNotice.REMINDER_14);
            assertThat(ExpiryNotice.due(EXPIRES - 3 * DAY - 1, CREATED, EXPIRES)).contains(ExpiryNotice.REMINDER_14);
        }

        @Test
        void threeDayReminderFromThreeDaysBefore() {
            assertThat(ExpiryNotice.due(EXPIRES - 3 * DAY, CREATED, EXPIRES)).contains(ExpiryNotice.REMINDER_3);
            assertThat(ExpiryNotice.due(EXPIRES - 1, CREATED, EXPIRES)).contains(ExpiryNotice.REMINDER_3);
        }

        @Test
        void expiredFromTheExpiryItself() {
            assertThat(ExpiryNotice.due(EXPIRES, CREATED, EXPIRES)).contains(ExpiryNotice.EXPIRED);
            assertThat(ExpiryNotice.due(EXPIRES + 40 * DAY, CREATED, EXPIRES)).contains(ExpiryNotice.EXPIRED);
        }

        @Test
        void noReminderLongerThanTheKeyLived() {
            long weekKey = CREATED + 7 * DAY;
            assertThat(ExpiryNotice.due(CREATED + DAY, CREATED, weekKey)).as("7-day key, 6 days left").isEmpty();
            assertThat(ExpiryNotice.due(weekKey - 2 * DAY, CREATED, weekKey)).contains(ExpiryNotice.REMINDER_3);
            long dayKey = CREATED + DAY;
            assertThat(ExpiryNotice.due(CREATED + 1, CREATED, dayKey)).isEmpty();
            assertThat(ExpiryNotice.due(dayKey, CREATED, dayKey)).contains(ExpiryNotice.EXPIRED);
        }

        @Test
        void exactlyFourteenDaysOfLifeGetsNoFourteenDayReminder() {
            assertThat(ExpiryNotice.due(CREATED, CREATED, CREATED + 14 * DAY)).isEmpty();
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void daysLeftRoundUp() {
            assertThat(ExpiryNotice.daysLeft(EXPIRES - 13 * DAY + 1, EXPIRES)).isEqualTo(13);
            assertThat(ExpiryNotice.daysLeft(EXPIRES - 13 * DAY, EXPIRES)).isEqualTo(13);
            assertThat(ExpiryNotice.daysLeft(EXPIRES - 13 * DAY - 1, EXPIRES)).isEqualTo(14);
            assertThat(ExpiryNotice.daysLeft(EXPIRES - 1, EXPIRES)).isEqualTo(1);
            assertThat(ExpiryNotice.daysLeft(EXPIRES, EXPIRES)).isZero();
            assertThat(ExpiryNotice.daysLeft(EXPIRES + DAY, EXPIRES)).isZero();
        }

        @Test
        void horizonAndCutoff() {
            assertThat(ExpiryNotice.horizon(CREATED)).isEqualTo(CREATED + 14 * DAY);
            assertThat(ExpiryNotice.deletionCutoff(CREATED)).isEqualTo(CREATED - 30 * DAY);
        }

        @Test
        void eventValues() {
            assertThat(ExpiryNotice.REMINDER_14.detail()).isEqualTo("reminder_14");
            assertThat(ExpiryNotice.REMINDER_3.detail()).isEqualTo("reminder_3");
            assertThat(ExpiryNotice.EXPIRED.detail()).isEqualTo("expired");
        }
    }
}
