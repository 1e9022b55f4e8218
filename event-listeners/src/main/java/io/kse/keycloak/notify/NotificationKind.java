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
    NOT_ME_REPORTED;

    /** {@code password-changed} for PASSWORD_CHANGED. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Sent to the user it is about, so it carries the "this wasn't me" link; admin notices do not. */
    boolean userFacing() {
        return this != USER_ADDED && this != NOT_ME_REPORTED;
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
