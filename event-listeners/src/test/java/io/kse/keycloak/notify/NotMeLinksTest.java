package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotMeLinksTest {

    @Test
    void aLinkExpiresItsLifetimeInWholeDaysAfterTheMailIsRendered() {
        assertThat(NotMeLinks.expiresAt(1_000, 7)).isEqualTo(1_000 + 7 * 86_400);
        assertThatThrownBy(() -> NotMeLinks.expiresAt(Integer.MAX_VALUE - 10, 1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void onlyNoticesToTheUserTheyAreAboutCarryTheLink() {
        assertThat(Arrays.stream(NotificationKind.values()).filter(NotificationKind::userFacing))
                .containsExactlyInAnyOrder(NotificationKind.PASSWORD_CHANGED, NotificationKind.CREDENTIAL_ADDED,
                        NotificationKind.CREDENTIAL_REMOVED, NotificationKind.RECOVERY_CODES_GENERATED,
                        NotificationKind.EMAIL_CHANGED, NotificationKind.API_KEY_CREATED,
                        NotificationKind.API_KEY_ROTATED, NotificationKind.API_KEY_REVOKED, NotificationKind.ROLE_GRANTED,
                        NotificationKind.RECOVERY_CODE_USED, NotificationKind.RECOVERY_CODES_LOW,
                        NotificationKind.EMAIL_CHANGE_REQUESTED);
        assertThat(NotificationKind.ROLE_GRANTED_ADMIN.userFacing()).as("the admins' copy names the user").isFalse();
        assertThat(NotificationKind.ROLE_GRANTED_ADMIN.id()).isEqualTo("role-granted-admin");
        assertThat(NotificationKind.NOT_ME_REPORTED.id()).isEqualTo("not-me-reported");
    }

    @ParameterizedTest(name = "realm value \"{0}\" gives {1} days")
    @CsvSource(nullValues = "null", value = {"null, 7", "'', 7", "3, 3", "' 14 ', 14", "30, 30", "31, 7", "0, 7",
            "-2, 7", "seven, 7", "99999999999, 7"})
    void theRealmLifetimeFallsBackToTheServerDefaultUnlessItIsAPlausibleNumberOfDays(String value, int days) {
        assertThat(RealmNotifySettings.lifetimeDays(value, 7)).isEqualTo(days);
    }
}
