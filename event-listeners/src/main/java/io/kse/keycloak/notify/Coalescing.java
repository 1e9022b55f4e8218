package io.kse.keycloak.notify;

/**
 * Bursts of the same notice to the same recipient (a password changed three times in a minute, Keycloak's
 * UPDATE_PASSWORD and UPDATE_CREDENTIAL for one change) become one mail: a new notice is folded into a pending one of
 * the same kind, recipient and subject user created less than the window ago. Notices naming a device are never folded,
 * so that every added or removed device is reported;
 * nor are API-key notices, each of which names its own key.
 */
final class Coalescing {

    private final long windowMillis;

    Coalescing(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    boolean foldable(NotificationKind kind) {
        return kind != NotificationKind.CREDENTIAL_ADDED && kind != NotificationKind.CREDENTIAL_REMOVED
                && kind != NotificationKind.USER_ADDED && kind != NotificationKind.EMAIL_CHANGED && !kind.apiKey();
    }

    /** Whether a notice of {@code kind} created at {@code now} folds into a pending one created at {@code pendingCreated}. */
    boolean folds(NotificationKind kind, long pendingCreated, long now) {
        return foldable(kind) && now - pendingCreated >= 0 && now - pendingCreated < windowMillis;
    }

    long windowMillis() {
        return windowMillis;
    }
}
