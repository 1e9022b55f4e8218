package io.kse.keycloak.notify;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.util.JsonSerialization;


/**
 * Which Keycloak events become which notice (Keycloak 26.7). Credential events are generic since 26.0
 * (UPDATE_CREDENTIAL / REMOVE_CREDENTIAL with {@code credential_type}); the deprecated UPDATE_PASSWORD, UPDATE_TOTP
 * and REMOVE_TOTP still fire next to them, so both map to the same notice and the listener keeps one per request.
 * Admin events never contribute their representation: a created user's representation may carry a password.
 */
final class EventMapper {

    static final String PASSWORD = "password";
    static final String RECOVERY_CODES = "recovery-authn-codes";
    static final String OTP = "otp";
    /** Second factors whose enrolment and removal the user is told about. */
    static final Set<String> SECOND_FACTORS = Set.of(OTP, "webauthn", "webauthn-passwordless");

    /** Events of the policies module's API keys ({@code io.kse.keycloak.apikey.ApiKeyEvents}; no compile dependency). */
    static final String API_KEY = "api-key";
    static final String API_KEY_ID = "kse_api_key_id";
    static final String API_KEY_LABEL = "kse_api_key_label";
    static final String API_KEY_ACTION = "kse_api_key_action";
    static final String API_KEY_EXPIRY_ACTION = "kse-api-key-expiry";
    static final String API_KEY_NOTICE = "kse_api_key_notice";
    static final String API_KEY_EXPIRES_AT = "kse_api_key_expires_at";

    /** Owner of a key an administrator revoked (admin event {@value #API_KEY_ADMIN_RESOURCE}); see ApiKeyAdminResource. */
    static final String API_KEY_OWNER = "kse_api_key_owner";
    static final String API_KEY_ADMIN_RESOURCE = "KSE_API_KEY";

    private static final int MAX_LABEL = 100;
    private static final int MAX_ID = 64;
    private static final int MAX_GRANTED_ROLES = 50;
    private static final int MAX_KEY_ID = 64;

    private EventMapper() {
    }

    static Optional<Trigger> map(Event event) {
        if (event.getError() != null || event.getUserId() == null || event.getType() == null) {
            return Optional.empty();
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String type = details.get(Details.CREDENTIAL_TYPE);
        EventType eventType = event.getType();
        NotificationKind kind = switch (eventType) {
            case UPDATE_PASSWORD -> NotificationKind.PASSWORD_CHANGED;
            case UPDATE_TOTP -> NotificationKind.CREDENTIAL_ADDED;
            case REMOVE_TOTP -> NotificationKind.CREDENTIAL_REMOVED;
            case UPDATE_CREDENTIAL -> API_KEY.equals(type) ? apiKeyAction(details.get(API_KEY_ACTION)) : updated(type);
            case REMOVE_CREDENTIAL -> API_KEY.equals(type) ? apiKeyAction(details.get(API_KEY_ACTION))
                    : type != null && SECOND_FACTORS.contains(type) ? NotificationKind.CREDENTIAL_REMOVED : null;
            case REGISTER -> NotificationKind.USER_ADDED;
            case UPDATE_PROFILE, UPDATE_EMAIL -> emailChanged(details) ? NotificationKind.EMAIL_CHANGED : null;
            case USER_DISABLED_BY_TEMPORARY_LOCKOUT, USER_DISABLED_BY_PERMANENT_LOCKOUT -> NotificationKind.ACCOUNT_LOCKED;
            // Keycloak 26.7 raises no event of its own for a recovery code: its form puts credential_type on the flow's
            // event, which the LOGIN of that request carries (the listener tells "used" from "few left").
            case LOGIN -> RECOVERY_CODES.equals(type) ? NotificationKind.RECOVERY_CODE_USED : null;
            // The update-email action with verification sends the link to the new address and changes nothing yet; the
            // same event type also reports plain address verification, which the listener tells apart (address differs).
            case SEND_VERIFY_EMAIL -> isBlank(details.get(Details.EMAIL)) ? null : NotificationKind.EMAIL_CHANGE_REQUESTED;
            case CUSTOM_REQUIRED_ACTION -> NotMe.ACTION_VALUE.equals(details.get(NotMe.DETAIL_ACTION))
                    ? NotificationKind.NOT_ME_REPORTED
                    : API_KEY_EXPIRY_ACTION.equals(details.get(Details.CUSTOM_REQUIRED_ACTION))
                    ? expiryNotice(details.get(API_KEY_NOTICE)) : null;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        Map<String, String> facts = new LinkedHashMap<>();
        if (kind == NotificationKind.CREDENTIAL_ADDED || kind == NotificationKind.CREDENTIAL_REMOVED) {
            facts.put(Trigger.CREDENTIAL_TYPE, type == null ? OTP : type);
            String label = details.get(Details.CREDENTIAL_USER_LABEL);
            if (label != null && !label.isBlank()) {
                facts.put(Trigger.DEVICE_LABEL, Subjects.oneLine(label, MAX_LABEL));
            }
        }
        if (kind.apiKey()) {
            String keyId = details.get(API_KEY_ID);
            if (keyId == null || keyId.isBlank()) {
                return Optional.empty(); // a notice must say which key
            }
            facts.put(Trigger.API_KEY_ID, Subjects.oneLine(keyId, MAX_KEY_ID));
            String label = details.get(API_KEY_LABEL);
            if (label != null && !label.isBlank()) {
                facts.put(Trigger.DEVICE_LABEL, Subjects.oneLine(label, MAX_LABEL));
            }
            facts.put(Trigger.CREDENTIAL_TYPE, API_KEY);
            expiresAt(details.get(API_KEY_EXPIRES_AT)).ifPresent(at -> facts.put(Trigger.API_KEY_EXPIRES_AT, at));
        }
        if (kind == NotificationKind.ACCOUNT_LOCKED) {
            facts.put(Trigger.LOCK, eventType == EventType.USER_DISABLED_BY_PERMANENT_LOCKOUT
                    ? Trigger.LOCK_PERMANENT : Trigger.LOCK_TEMPORARY);
        }
        if (kind == NotificationKind.EMAIL_CHANGE_REQUESTED) {
            facts.put(Trigger.UPDATED_EMAIL, details.get(Details.EMAIL).strip());
        }
        if (kind == NotificationKind.EMAIL_CHANGED) {
            facts.put(Trigger.PREVIOUS_EMAIL, details.get(Details.PREVIOUS_EMAIL).strip());
            facts.put(Trigger.UPDATED_EMAIL, nullToEmpty(details.get(Details.UPDATED_EMAIL)).strip());
        }
        return Optional.of(new Trigger(kind, event.getUserId(), event.getId(), false, facts));
    }

    static Optional<Trigger> map(AdminEvent event) {
        if (event.getError() != null || event.getResourcePath() == null) {
            return Optional.empty();
        }
        String[] path = event.getResourcePath().split("/");
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (API_KEY_ADMIN_RESOURCE.equals(event.getResourceTypeAsString())) {
            return adminApiKeyRevoked(event, path, details);
        }
        if (path.length < 2 || !"users".equals(path[0]) || path[1].isBlank()) {
            return Optional.empty();
        }
        String userId = path[1];
        OperationType operation = event.getOperationType();
        ResourceType resource = event.getResourceType();
        Map<String, String> facts = new LinkedHashMap<>();
        NotificationKind kind = null;
        if (resource == ResourceType.USER && operation == OperationType.CREATE && path.length == 2) {
            kind = NotificationKind.USER_ADDED;
        } else if (resource == ResourceType.USER && operation == OperationType.ACTION && path.length == 3
                && "reset-password".equals(path[2])) {
            kind = NotificationKind.PASSWORD_CHANGED;
        } else if (resource == ResourceType.USER && operation == OperationType.ACTION && path.length == 4
                && "credentials".equals(path[2])) {
            // DELETE users/{id}/credentials/{cid}: since 26.x reported as ACTION with the removed credential's type and label.
            kind = NotificationKind.CREDENTIAL_REMOVED;
            String type = details.get(Details.CREDENTIAL_TYPE);
            facts.put(Trigger.CREDENTIAL_TYPE, isBlank(type) ? "" : Subjects.oneLine(type, MAX_ID));
            String label = details.get(Details.CREDENTIAL_USER_LABEL);
            if (!isBlank(label)) {
                facts.put(Trigger.DEVICE_LABEL, Subjects.oneLine(label, MAX_LABEL));
            }
        } else if (operation == OperationType.CREATE && path.length >= 4 && "role-mappings".equals(path[2])
                && (resource == ResourceType.REALM_ROLE_MAPPING || resource == ResourceType.CLIENT_ROLE_MAPPING)) {
            String ids = roleIds(event.getRepresentation());
            if (!ids.isEmpty()) {
                kind = NotificationKind.ROLE_GRANTED;
                facts.put(Trigger.GRANTED_ROLE_IDS, ids);
            }
        } else if (operation == OperationType.CREATE && resource == ResourceType.GROUP_MEMBERSHIP && path.length == 4
                && "groups".equals(path[2]) && !path[3].isBlank()) {
            kind = NotificationKind.ROLE_GRANTED;
            facts.put(Trigger.JOINED_GROUP_ID, Subjects.oneLine(path[3], MAX_ID));
        }
        return kind == null ? Optional.empty() : Optional.of(new Trigger(kind, userId, event.getId(), true, facts));
    }

    /** {@code DELETE /admin/realms/{r}/kse-api-keys/{id}} of the policies module: the owner is in the details. */
    private static Optional<Trigger> adminApiKeyRevoked(AdminEvent event, String[] path, Map<String, String> details) {
        String owner = details.get(API_KEY_OWNER);
        String keyId = details.get(API_KEY_ID);
        if (event.getOperationType() != OperationType.DELETE || path.length != 2 || !"kse-api-keys".equals(path[0])
                || isBlank(owner) || isBlank(keyId)) {
            return Optional.empty();
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(Trigger.API_KEY_ID, Subjects.oneLine(keyId, MAX_KEY_ID));
        String label = details.get(API_KEY_LABEL);
        if (!isBlank(label)) {
            facts.put(Trigger.DEVICE_LABEL, Subjects.oneLine(label, MAX_LABEL));
        }
        facts.put(Trigger.CREDENTIAL_TYPE, API_KEY);
        return Optional.of(new Trigger(NotificationKind.API_KEY_REVOKED, owner.strip(), event.getId(), true, facts));
    }

    /** Ids of the roles in a role-mapping event's representation (a JSON array of roles); empty when unreadable. */
    static String roleIds(String representation) {
        if (isBlank(representation)) {
            return "";
        }
        try {
            Object roles = JsonSerialization.readValue(representation, Object.class);
            if (!(roles instanceof List<?> list)) {
                return "";
            }
            Set<String> ids = new LinkedHashSet<>();
            for (Object role : list) {
                Object id = role instanceof Map<?, ?> map ? map.get("id") : null;
                if (id instanceof String text && !text.isBlank() && text.length() <= MAX_ID && !text.contains(",")
                        && ids.size() < MAX_GRANTED_ROLES) {
                    ids.add(text);
                }
            }
            return String.join(",", ids);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static NotificationKind apiKeyAction(String action) {
        if (action == null) {
            return null;
        }
        return switch (action) {
            case "create" -> NotificationKind.API_KEY_CREATED;
            case "rotate" -> NotificationKind.API_KEY_ROTATED;
            case "revoke" -> NotificationKind.API_KEY_REVOKED;
            default -> null;
        };
    }

    private static NotificationKind expiryNotice(String notice) {
        if (notice == null) {
            return null;
        }
        return switch (notice) {
            case "reminder_14" -> NotificationKind.API_KEY_EXPIRING_14;
            case "reminder_3" -> NotificationKind.API_KEY_EXPIRING_3;
            case "expired" -> NotificationKind.API_KEY_EXPIRED;
            default -> null;
        };
    }

    /** Epoch milliseconds, as a canonical number; anything else is dropped (the listener then looks the key up). */
    private static Optional<String> expiresAt(String value) {
        try {
            long millis = Long.parseLong(value == null ? "" : value.strip());
            return millis > 0 ? Optional.of(Long.toString(millis)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static NotificationKind updated(String credentialType) {
        if (credentialType == null) {
            return null;
        }
        if (PASSWORD.equals(credentialType)) {
            return NotificationKind.PASSWORD_CHANGED;
        }
        if (RECOVERY_CODES.equals(credentialType)) {
            return NotificationKind.RECOVERY_CODES_GENERATED;
        }
        return SECOND_FACTORS.contains(credentialType) ? NotificationKind.CREDENTIAL_ADDED : null;
    }

    private static boolean emailChanged(Map<String, String> details) {
        String previous = details.get(Details.PREVIOUS_EMAIL);
        String updated = details.get(Details.UPDATED_EMAIL);
        return previous != null && !previous.isBlank() && !previous.strip().equalsIgnoreCase(nullToEmpty(updated).strip());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
