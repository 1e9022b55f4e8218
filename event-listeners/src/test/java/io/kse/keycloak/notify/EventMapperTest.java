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
    void apiKeyCreateRotateAndRevokeNameTheKeyOnOneLineAndNeverItsSecret() {
        Trigger created = EventMapper.map(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "api-key",
                "kse_api_key_id", "AbCdEfGh1234", "kse_api_key_label", "CI\r\nBcc: x@evil.test", "kse_api_key_action",
                "create"))).orElseThrow();
        assertThat(created.kind()).isEqualTo(NotificationKind.API_KEY_CREATED);
        assertThat(created.facts()).containsEntry(Trigger.API_KEY_ID, "AbCdEfGh1234")
                .containsEntry(Trigger.DEVICE_LABEL, "CI Bcc: x@evil.test").containsEntry(Trigger.CREDENTIAL_TYPE, "api-key")
                .doesNotContainKey(Trigger.API_KEY_EXPIRES_AT);
        assertThat(EventMapper.map(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "api-key",
                "kse_api_key_id", "k2", "kse_api_key_action", "rotate", "kse_api_key_rotated_from", "k1"))))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.API_KEY_ROTATED));
        assertThat(EventMapper.map(event(EventType.REMOVE_CREDENTIAL, Map.of("credential_type", "api-key",
                "kse_api_key_id", "k2", "kse_api_key_action", "revoke"))))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.API_KEY_REVOKED));
        // Without a key id or with an unknown action there is nothing to report.
        assertThat(EventMapper.map(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "api-key",
                "kse_api_key_action", "create")))).isEmpty();
        assertThat(EventMapper.map(event(EventType.UPDATE_CREDENTIAL, Map.of("credential_type", "api-key",
                "kse_api_key_id", "k2", "kse_api_key_action", "use")))).isEmpty();
    }

    @Test
    void apiKeyExpiryNoticesOfTheMaintenancePass() {
        Map<String, String> base = Map.of("custom_required_action", "kse-api-key-expiry", "credential_type", "api-key",
                "kse_api_key_id", "k3", "kse_api_key_label", "nightly", "kse_api_key_days_left", "13",
                "kse_api_key_expires_at", "1790000000000");
        Map<String, NotificationKind> expected = Map.of("reminder_14", NotificationKind.API_KEY_EXPIRING_14,
                "reminder_3", NotificationKind.API_KEY_EXPIRING_3, "expired", NotificationKind.API_KEY_EXPIRED);
        expected.forEach((notice, kind) -> {
            Map<String, String> details = new HashMap<>(base);
            details.put("kse_api_key_notice", notice);
            Trigger trigger = EventMapper.map(event(EventType.CUSTOM_REQUIRED_ACTION, details)).orElseThrow();
            assertThat(trigger.kind()).isEqualTo(kind);
            assertThat(trigger.kind().userFacing()).as("no not-me link for what the clock did").isFalse();
            assertThat(trigger.facts()).containsEntry(Trigger.API_KEY_ID, "k3").containsEntry(Trigger.DEVICE_LABEL, "nightly")
                    .containsEntry(Trigger.API_KEY_EXPIRES_AT, "1790000000000");
        });
        Map<String, String> bad = new HashMap<>(base);
        bad.put("kse_api_key_notice", "reminder_7");
        bad.put("kse_api_key_expires_at", "soon");
        assertThat(EventMapper.map(event(EventType.CUSTOM_REQUIRED_ACTION, bad))).isEmpty();
        bad.put("kse_api_key_notice", "expired");
        assertThat(EventMapper.map(event(EventType.CUSTOM_REQUIRED_ACTION, bad)).orElseThrow().facts())
                .doesNotContainKey(Trigger.API_KEY_EXPIRES_AT);
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
