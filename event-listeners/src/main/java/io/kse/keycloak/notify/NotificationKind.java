package io.kse.keycloak.notify;

import java.util.Locale;

/**
 * What a notification is about. The name in lower kebab case is the template name ({@code kse-<kind>.ftl}), the
 * subject's message key ({@code kse-<kind>-subject}) and the value operators use to switch a kind off.
 */
enum NotificationKind {
    PASSWORD_CHANGED,
    CREDENTIAL_ADDED,
    CREDENTIAL_REMOVED,
    RECOVERY_CODES_GENERATED,
    EMAIL_CHANGED,
    USER_ADDED,
    /** To the realm's recipient roles: a user used the "this wasn't me" link. */
    NOT_ME_REPORTED,
    /** To the key's owner: an API key was created, rotated or revoked (label, key id, expiry; never the secret). */
    API_KEY_CREATED,
    API_KEY_ROTATED,
    API_KEY_REVOKED,
    /** To the key's owner: the maintenance pass's expiry notices (14 and 3 days before, and once expired). */
    API_KEY_EXPIRING_14,
    API_KEY_EXPIRING_3,
    API_KEY_EXPIRED,
    /** To the user: a privileged role became theirs (directly, through a composite role or a group). */
    ROLE_GRANTED,
    /** To the realm's recipient roles: the same grant, naming the user and the administrator; no "this wasn't me" link. */
    ROLE_GRANTED_ADMIN,
    /** To the user: brute-force detection locked the account (temporarily or permanently). */
    ACCOUNT_LOCKED,
    /** To the user: a recovery code was used to sign in; {@link #RECOVERY_CODES_LOW} instead when few are left. */
    RECOVERY_CODE_USED,
    RECOVERY_CODES_LOW,
    /** To the current (old) address: the user asked to change it; the new address has not been verified yet. */
    EMAIL_CHANGE_REQUESTED;

    /** {@code password-changed} for PASSWORD_CHANGED. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Sent to the user it is about, about something someone did, so it carries the "this wasn't me" link; admin notices,
     * the API-key expiry notices (the clock did it, not a person) and lockouts (raised by failed attempts, on a background
     * task without the request's address) do not.
     */
    boolean userFacing() {
        return this != USER_ADDED && this != NOT_ME_REPORTED && this != ROLE_GRANTED_ADMIN && this != ACCOUNT_LOCKED
                && !apiKeyExpiry();
    }

    /** Sent to the realm's recipient roles rather than to the user it is about. */
    boolean adminFacing() {
        return this == USER_ADDED || this == NOT_ME_REPORTED || this == ROLE_GRANTED_ADMIN;
    }

    boolean apiKey() {
        return this == API_KEY_CREATED || this == API_KEY_ROTATED || this == API_KEY_REVOKED || apiKeyExpiry();
    }

    /** Raised by the maintenance pass, not by a request of the user: no IP address, browser or application. */
    boolean apiKeyExpiry() {
        return this == API_KEY_EXPIRING_14 || this == API_KEY_EXPIRING_3 || this == API_KEY_EXPIRED;
    }

    String template() {
        return "kse-" + id() + ".ftl";
    }

    String subjectKey() {
        return "kse-" + id() + "-subject";
    }

    static NotificationKind fromId(String id) {
        for (NotificationKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown notification kind " + id);
    }
}
