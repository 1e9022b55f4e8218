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

    @Test
    void lockoutsRecoveryCodeLoginsAndEmailChangeRequests() {
        Trigger temporary = EventMapper.map(event(EventType.USER_DISABLED_BY_TEMPORARY_LOCKOUT,
                Map.of("reason", "brute_force_attack detected", "num_failures", "10"))).orElseThrow();
        assertThat(temporary.kind()).isEqualTo(NotificationKind.ACCOUNT_LOCKED);
        assertThat(temporary.facts()).containsEntry(Trigger.LOCK, Trigger.LOCK_TEMPORARY);
        assertThat(EventMapper.map(event(EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT, Map.of())).orElseThrow().facts())
                .containsEntry(Trigger.LOCK, Trigger.LOCK_PERMANENT);

        assertThat(EventMapper.map(event(EventType.LOGIN, Map.of("credential_type", "recovery-authn-codes"))))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(NotificationKind.RECOVERY_CODE_USED));
        assertThat(EventMapper.map(event(EventType.LOGIN, Map.of("credential_type", "otp")))).isEmpty();

        Trigger requested = EventMapper.map(event(EventType.SEND_VERIFY_EMAIL, Map.of("email", " new@x.test "))).orElseThrow();
        assertThat(requested.kind()).isEqualTo(NotificationKind.EMAIL_CHANGE_REQUESTED);
        assertThat(requested.facts()).containsEntry(Trigger.UPDATED_EMAIL, "new@x.test");
        assertThat(EventMapper.map(event(EventType.SEND_VERIFY_EMAIL, Map.of()))).isEmpty();
    }

    @Test
    void roleMappingsAndGroupJoinsByAnAdminCarryWhatWasGranted() {
        AdminEvent realmRoles = admin(OperationType.CREATE, "users/u-3/role-mappings/realm");
        realmRoles.setResourceType(ResourceType.REALM_ROLE_MAPPING);
        realmRoles.setRepresentation("[{\"id\":\"r-admin\",\"name\":\"admin\"},{\"id\":\"r-x\"},{\"name\":\"no-id\"},"
                + "{\"id\":\"a,b\"}]");
        Trigger granted = EventMapper.map(realmRoles).orElseThrow();
        assertThat(granted.kind()).isEqualTo(NotificationKind.ROLE_GRANTED);
        assertThat(granted.userId()).isEqualTo("u-3");
        assertThat(granted.byAdmin()).isTrue();
        assertThat(granted.facts()).containsEntry(Trigger.GRANTED_ROLE_IDS, "r-admin,r-x");

        AdminEvent clientRoles = admin(OperationType.CREATE, "users/u-3/role-mappings/clients/c-1");
        clientRoles.setResourceType(ResourceType.CLIENT_ROLE_MAPPING);
        clientRoles.setRepresentation("[{\"id\":\"r-c\"}]");
        assertThat(EventMapper.map(clientRoles).orElseThrow().facts()).containsEntry(Trigger.GRANTED_ROLE_IDS, "r-c");

        for (String unreadable : new String[] {null, "", "{}", "not json", "[1, 2]"}) {
            realmRoles.setRepresentation(unreadable);
            assertThat(EventMapper.map(realmRoles)).as("representation %s", unreadable).isEmpty();
        }
        AdminEvent removed = admin(OperationType.DELETE, "users/u-3/role-mappings/realm");
        removed.setResourceType(ResourceType.REALM_ROLE_MAPPING);
        removed.setRepresentation("[{\"id\":\"r-admin\"}]");
        assertThat(EventMapper.map(removed)).as("a revocation is no grant").isEmpty();

        AdminEvent joined = admin(OperationType.CREATE, "users/u-4/groups/g-1");
        joined.setResourceType(ResourceType.GROUP_MEMBERSHIP);
        assertThat(EventMapper.map(joined).orElseThrow().facts()).containsEntry(Trigger.JOINED_GROUP_ID, "g-1");
    }

    @Test
    void credentialsRemovedByAnAdminAndApiKeysRevokedByAnAdmin() {
        AdminEvent removed = admin(OperationType.ACTION, "users/u-5/credentials/c-9");
        removed.setDetails(Map.of("credential_id", "c-9", "credential_type", "otp", "credential_user_label", "Phone\r\nBcc: x"));
        Trigger credential = EventMapper.map(removed).orElseThrow();
        assertThat(credential.kind()).isEqualTo(NotificationKind.CREDENTIAL_REMOVED);
        assertThat(credential.byAdmin()).isTrue();
        assertThat(credential.facts()).containsEntry(Trigger.CREDENTIAL_TYPE, "otp").containsEntry(Trigger.DEVICE_LABEL, "Phone Bcc: x");

        AdminEvent revoked = new AdminEvent();
        revoked.setId("a-2");
        revoked.setRealmId("r-1");
        revoked.setOperationType(OperationType.DELETE);
        revoked.setResourceTypeAsString("KSE_API_KEY");
        revoked.setResourcePath("kse-api-keys/k-1");
        revoked.setDetails(Map.of("kse_api_key_id", "AbC123", "kse_api_key_label", "ci", "kse_api_key_owner", "u-6"));
        Trigger key = EventMapper.map(revoked).orElseThrow();
        assertThat(key.kind()).isEqualTo(NotificationKind.API_KEY_REVOKED);
        assertThat(key.userId()).isEqualTo("u-6");
        assertThat(key.byAdmin()).isTrue();
        assertThat(key.facts()).containsEntry(Trigger.API_KEY_ID, "AbC123").containsEntry(Trigger.DEVICE_LABEL, "ci");

        revoked.setDetails(Map.of("kse_api_key_id", "AbC123"));
        assertThat(EventMapper.map(revoked)).as("without the owner nobody can be told").isEmpty();
        revoked.setDetails(Map.of("kse_api_key_revoked", "3"));
        revoked.setResourcePath("kse-api-keys/users/u-6");
        assertThat(EventMapper.map(revoked)).isEmpty();
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
