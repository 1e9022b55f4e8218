package io.kse.keycloak.notify;

/**
 * Bursts of the same notice to the same recipient (a password changed three times in a minute, Keycloak's
 * UPDATE_PASSWORD and UPDATE_CREDENTIAL for one change) become one mail: a new notice is folded into a pending one of
 * the same kind, recipient and subject user created less than the window ago. Notices naming a device are never folded,
 * so that every added or removed device is reported;
 * nor are API-key notices, each of which names its own key, role grants and email-change notices. Lockouts have their
 * own, longer rule ({@link #LOCKOUT_QUIET_MILLIS}).
 */
final class Coalescing {

    /**
     * A lockout notice is sent at most once an hour per user, whatever became of the previous one (sent or pending):
     * an attack goes on for as long as the attacker likes, and each wait that brute-force detection imposes raises
     * another lockout event.
     */
    static final long LOCKOUT_QUIET_MILLIS = 3_600_000L;

    private final long windowMillis;

    Coalescing(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    boolean foldable(NotificationKind kind) {
        return switch (kind) {
            case CREDENTIAL_ADDED, CREDENTIAL_REMOVED, USER_ADDED, EMAIL_CHANGED, EMAIL_CHANGE_REQUESTED, ROLE_GRANTED,
                 ROLE_GRANTED_ADMIN, ACCOUNT_LOCKED -> false;
            default -> !kind.apiKey();
        };
    }

    /** Whether a notice of {@code kind} created at {@code now} folds into a pending one created at {@code pendingCreated}. */
    boolean folds(NotificationKind kind, long pendingCreated, long now) {
        return foldable(kind) && now - pendingCreated >= 0 && now - pendingCreated < windowMillis;
    }

    long windowMillis() {
        return windowMillis;
    }
}
