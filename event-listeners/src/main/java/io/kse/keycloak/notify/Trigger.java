package io.kse.keycloak.notify;

import java.util.Map;

/**
 * A change worth a notice, as read from one Keycloak event: what happened, to whom, and event facts (credential type,
 * device label, old address). {@code byAdmin} is set when an administrator made the change through the admin API.
 */
record Trigger(NotificationKind kind, String userId, String sourceEventId, boolean byAdmin, Map<String, String> facts) {

    static final String CREDENTIAL_TYPE = "credentialType";
    static final String DEVICE_LABEL = "deviceLabel";
    static final String PREVIOUS_EMAIL = "previousEmail";
    static final String UPDATED_EMAIL = "updatedEmail";
    /** API-key notices: the key's id and expiry (epoch milliseconds); its label travels as {@link #DEVICE_LABEL}. */
    static final String API_KEY_ID = "apiKeyId";
    static final String API_KEY_EXPIRES_AT = "apiKeyExpiresAt";
    /** Role grants: ids of the roles just mapped (comma-separated) or of the group just joined, as the event names them. */
    static final String GRANTED_ROLE_IDS = "grantedRoleIds";
    static final String JOINED_GROUP_ID = "joinedGroupId";
    /** Role grants, resolved by the listener: the privileged roles the user now holds and did not before, and the group. */
    static final String ROLES = "roles";
    static final String GROUP = "group";
    /** Lockouts: {@value #LOCK_TEMPORARY} or {@value #LOCK_PERMANENT}. */
    static final String LOCK = "lock";
    static final String LOCK_TEMPORARY = "temporary";
    static final String LOCK_PERMANENT = "permanent";
    /** Recovery code used: how many unused codes remain. */
    static final String CODES_LEFT = "codesLeft";
}
