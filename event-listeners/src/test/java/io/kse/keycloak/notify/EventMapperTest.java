package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class EventMapperTest {

    @Test
    void passwordChangesByTheUserMapFromBothTheGenericAndTheDeprecatedEvent() {
        assertThat(EventMapper.map(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password"))))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.PASSWORD_CHANGED));
        assertThat(EventMapper.map(event(EventType.UPDATE_PASSWORD, Map.of())))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.PASSWORD_CHANGED));
    }

    @Test
    void secondFactorsNameTheirLabelOnOneLine() {
        Trigger added = EventMapper.map(event(EventType.UPDATE_CREDENTIAL,
                Map.of("credential_type", "webauthn-passwordless", "credential_user_label", "Work\r\nlaptop"))).orElseThrow();
        assertThat(added.kind()).isEqualTo(NotificationKind.CREDENTIAL_ADDED);
        assertThat(added.facts()).containsEntry(Trigger.DEVICE_LABEL, "Work laptop")
                .containsEntry(Trigger.CREDENTIAL_TYPE, "webauthn-passwordless");

        Trigger removed = EventMapper.map(event(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "otp"))).orElseThrow();
        assertThat(removed.kind()).isEqualTo(NotificationKind.CREDENTIAL_REMOVED);
        assertThat(removed.facts()).doesNotContainKey(Trigger.DEVICE_LABEL);
    }

    @Test
    void recoveryCodesRegistrationAndEmailChanges() {
        assertThat(EventMapper.map(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "recovery-authn-codes"))))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.RECOVERY_CODES_GENERATED));
        assertThat(EventMapper.map(event(EventType.REGISTER, Map.of())))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.USER_ADDED));
        Trigger email = EventMapper.map(event(EventType.UPDATE_PROFILE,
                Map.of("previous_email", "old@x.test", "updated_email", "new@x.test"))).orElseThrow();
        assertThat(email.kind()).isEqualTo(NotificationKind.EMAIL_CHANGED);
        assertThat(email.facts()).containsEntry(Trigger.PREVIOUS_EMAIL, "old@x.test");
    }

    @Test
    void aConfirmedNotMeReportBecomesTheAdminAlertButOtherCustomActionsDoNot() {
        assertThat(EventMapper.map(event(EventType.CUSTOM_REQUIRED_ACTION,
                Map.of("custom_required_action", "kse-not-me", "kse_action", "not-me", "kse_notification_id", "n1"))))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.NOT_ME_REPORTED));
        assertThat(EventMapper.map(event(EventType.CUSTOM_REQUIRED_ACTION, Map.of("custom_required_action", "other"))))
                .isEmpty();
    }

    @Test
    void ignoresFailuresOtherCredentialsAndProfileChangesWithoutANewEmail() {
        Event failed = event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "password"));
        failed.setError("invalid_password");
        assertThat(EventMapper.map(failed)).isEmpty();
        assertThat(EventMapper.map(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "kse-api-key")))).isEmpty();
        assertThat(EventMapper.map(event(EventType.UPDATE_PROFILE, Map.of("previous_first_name", "A")))).isEmpty();
        assertThat(EventMapper.map(event(EventType.UPDATE_PROFILE,
                Map.of("previous_email", "same@x.test", "updated_email", "SAME@x.test")))).isEmpty();
        assertThat(EventMapper.map(event(EventType.LOGIN, Map.of()))).isEmpty();
    }

    @Test
    void adminResetPasswordAndCreateUser() {
        Trigger reset = EventMapper.map(admin(OperationType.ACTION, "users/u-1/reset-password")).orElseThrow();
        assertThat(reset.kind()).isEqualTo(NotificationKind.PASSWORD_CHANGED);
        assertThat(reset.userId()).isEqualTo("u-1");
        assertThat(reset.byAdmin()).isTrue();

        assertThat(EventMapper.map(admin(OperationType.CREATE, "users/u-2")))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.USER_ADDED));
        assertThat(EventMapper.map(admin(OperationType.UPDATE, "users/u-2"))).isEmpty();
        assertThat(EventMapper.map(admin(OperationType.ACTION, "users/u-2/logout"))).isEmpty();
    }

    private static Event event(EventType type, Map<String, String> details) {
        Event event = new Event();
        event.setId("e-1");
        event.setType(type);
        event.setUserId("u-1");
        event.setRealmId("r-1");
        event.setDetails(new HashMap<>(details));
        return event;
    }

    private static AdminEvent admin(OperationType operation, String path) {
        AdminEvent event = new AdminEvent();
        event.setId("a-1");
        event.setRealmId("r-1");
        event.setOperationType(operation);
        event.setResourceType(ResourceType.USER);
        event.setResourcePath(path);
        return event;
    }
}
