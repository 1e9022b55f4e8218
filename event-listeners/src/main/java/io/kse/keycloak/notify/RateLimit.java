package io.kse.keycloak.notify;

/**
 * Mails per recipient are limited to {@code maxPerWindow} within a sliding window; a mail over the limit is
 * postponed (never dropped, because these are security notices) until the oldest mail counted leaves the window.
 */
final class RateLimit {

    private final int maxPerWindow;
    private final long windowMillis;

    RateLimit(int maxPerWindow, long windowMillis) {
        if (maxPerWindow < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("rate limit needs a positive count and window");
        }
        this.maxPerWindow = maxPerWindow;
        this.windowMillis = windowMillis;
    }

    /**
     * @param sentInWindow mails already sent to the recipient since {@code now - window}
     * @param oldestSentInWindow send time of the oldest of them (ignored when none)
     * @return 0 to send now, otherwise the earliest time at which to try again
     */
    long notBefore(long now, int sentInWindow, long oldestSentInWindow) {
        if (sentInWindow < maxPerWindow) {
            return 0;
        }
        return Math.max(now + 1, oldestSentInWindow + windowMillis);
    }

    long windowMillis() {
        return windowMillis;
    }
}
