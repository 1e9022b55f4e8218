package io.kse.keycloak.apikey;

import java.time.Duration;

/** The time arithmetic of keys, in epoch milliseconds, kept pure so every edge is unit-tested. */
public final class ApiKeyLifetime {

    /** Last-used time and address are written at most this often per key, so busy keys do not hammer the database. */
    public static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private ApiKeyLifetime() {
    }

    /**
     * Expiry of a new key: {@code requestedDays} (null means the realm default) after {@code now}; -1
     * when the request is outside 1..max days.
     */
    public static long expiresAt(long now, Integer requestedDays, ApiKeyRealmSettings settings) {
        int days = requestedDays == null ? settings.defaultLifetimeDays() : requestedDays;
        if (days < 1 || days > settings.maxLifetimeDays()) {
            return -1;
        }
        return now + Duration.ofDays(days).toMillis();
    }

    /** The old key's new expiry after a rotation: the overlap from now, but never later than it was. */
    public static long afterRotation(long now, long oldExpiresAt, int overlapHours) {
        return Math.min(oldExpiresAt, now + Duration.ofHours(overlapHours).toMillis());
    }

    /** A key can be used while it is not revoked and {@code now} is before its expiry (expiry itself is too late). */
    public static boolean usable(long now, long expiresAt, Long revokedAt) {
        return revokedAt == null && now < expiresAt;
    }

    public static boolean shouldRecordUse(long now, Long lastUsedAt) {
        return lastUsedAt == null || now - lastUsedAt >= LAST_USED_GRANULARITY.toMillis() || now < lastUsedAt;
    }

    /** Whether the authentication behind a token is a recent enough second factor to create or rotate keys. */
    public static boolean recentStepUp(long nowSeconds, String tokenAcr, Long authTimeSeconds, String requiredAcr) {
        return requiredAcr.equals(tokenAcr) && authTimeSeconds != null
                && nowSeconds - authTimeSeconds <= ApiKeyRealmSettings.STEP_UP_MAX_AGE.toSeconds()
                && authTimeSeconds <= nowSeconds + 5;
    }
}
