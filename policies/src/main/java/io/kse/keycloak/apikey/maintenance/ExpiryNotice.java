package io.kse.keycloak.apikey.maintenance;

import java.time.Duration;
import java.util.Optional;

/** The notices of a key's expiry and when each is due; pure, so every edge is unit-tested. */
enum ExpiryNotice {

    REMINDER_14("reminder_14", 14),
    REMINDER_3("reminder_3", 3),
    EXPIRED("expired", 0);

    static final long DAY = Duration.ofDays(1).toMillis();
    /** Expired keys stay listed (status "expired") this long, then the pass deletes them. */
    static final Duration RETENTION_AFTER_EXPIRY = Duration.ofDays(30);

    private final String detail;
    private final int days;

    ExpiryNotice(String detail, int days) {
        this.detail = detail;
        this.days = days;
    }

    /** The value of the event's notice detail. */
    String detail() {
        return detail;
    }

    /**
     * The notice whose time has come: expired from the expiry on, otherwise the nearest reminder whose threshold is
     * reached. A reminder is skipped for keys that never lived longer than its threshold (a 7-day key gets no 14-day
     * reminder); a passed reminder is never sent late (a key found 2 days before expiry gets only the 3-day one).
     */
    static Optional<ExpiryNotice> due(long now, long createdAt, long expiresAt) {
        if (now >= expiresAt) {
            return Optional.of(EXPIRED);
        }
        long left = expiresAt - now;
        long lifetime = expiresAt - createdAt;
        if (left <= REMINDER_3.threshold()) {
            return lifetime > REMINDER_3.threshold() ? Optional.of(REMINDER_3) : Optional.empty();
        }
        if (left <= REMINDER_14.threshold()) {
            return lifetime > REMINDER_14.threshold() ? Optional.of(REMINDER_14) : Optional.empty();
        }
        return Optional.empty();
    }

    private long threshold() {
        return days * DAY;
    }

    /** Whole days until expiry, rounded up: a key with 2.5 days left is announced as 3 days, never as 2. */
    static long daysLeft(long now, long expiresAt) {
        return expiresAt <= now ? 0 : Math.floorDiv(expiresAt - now + DAY - 1, DAY);
    }

    /** Keys expiring after this cannot be due for any notice yet. */
    static long horizon(long now) {
        return now + REMINDER_14.threshold();
    }

    static long deletionCutoff(long now) {
        return now - RETENTION_AFTER_EXPIRY.toMillis();
    }
}
