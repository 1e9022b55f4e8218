package io.kse.keycloak.notify;

/**
 * Exponential backoff between delivery attempts: base, 2 x base, 4 x base, ... capped at max. No jitter is needed
 * because rows are claimed individually and fail independently; a dead SMTP server simply sees each row retried on
 * its own schedule.
 */
final class Backoff {

    private final long baseMillis;
    private final long maxMillis;

    Backoff(long baseMillis, long maxMillis) {
        if (baseMillis <= 0 || maxMillis < baseMillis) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
    }

    /** Delay after the given number of failed attempts (1 = after the first failure). */
    long delayMillis(int failedAttempts) {
        if (failedAttempts < 1) {
            return 0;
        }
        int doublings = Math.min(failedAttempts - 1, 62);
        long delay = baseMillis;
        for (int i = 0; i < doublings && delay < maxMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMillis);
    }
}
