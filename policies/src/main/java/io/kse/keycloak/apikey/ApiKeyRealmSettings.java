package io.kse.keycloak.apikey;

import static io.kse.keycloak.common.Settings.intIn;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Per-realm API-key settings, read from realm attributes with their defaults in this one place. A value that is not a
 * number or out of range falls back to the default, never to something more permissive.
 */
public final class ApiKeyRealmSettings {

    public static final String MAX_LIFETIME_DAYS = "kse.apiKeys.maxLifetimeDays";
    public static final String DEFAULT_LIFETIME_DAYS = "kse.apiKeys.defaultLifetimeDays";
    public static final String ROTATION_OVERLAP_HOURS = "kse.apiKeys.rotationOverlapHours";
    public static final String MAX_KEYS_PER_USER = "kse.apiKeys.maxKeysPerUser";
    public static final String STEP_UP_ACR = "kse.apiKeys.stepUpAcr";

    static final int DEFAULT_MAX_LIFETIME = 90;
    /** Hard ceiling for any realm: every key expires within a year (GitHub's and GitLab's upper bound). */
    static final int CEILING_LIFETIME = 365;
    static final int DEFAULT_OVERLAP_HOURS = 24;
    static final int CEILING_OVERLAP_HOURS = 7 * 24;
    static final int DEFAULT_MAX_KEYS = 10;
    static final int CEILING_MAX_KEYS = 100;
    static final String DEFAULT_STEP_UP_ACR = "mfa";
    /** How recent the second factor must be to create or rotate a key. */
    public static final Duration STEP_UP_MAX_AGE = Duration.ofMinutes(5);

    private final int maxLifetimeDays;
    private final int defaultLifetimeDays;
    private final int rotationOverlapHours;
    private final int maxKeysPerUser;
    private final String stepUpAcr;

    /** {@code attributes} maps an attribute name to its value, null when unset (e.g. {@code realm::getAttribute}). */
    public ApiKeyRealmSettings(UnaryOperator<String> attributes) {
        this.maxLifetimeDays = intIn(attributes.apply(MAX_LIFETIME_DAYS), 1, CEILING_LIFETIME, DEFAULT_MAX_LIFETIME);
        this.defaultLifetimeDays = intIn(attributes.apply(DEFAULT_LIFETIME_DAYS), 1, maxLifetimeDays, maxLifetimeDays);
        this.rotationOverlapHours = intIn(attributes.apply(ROTATION_OVERLAP_HOURS), 0, CEILING_OVERLAP_HOURS,
                DEFAULT_OVERLAP_HOURS);
        this.maxKeysPerUser = intIn(attributes.apply(MAX_KEYS_PER_USER), 1, CEILING_MAX_KEYS, DEFAULT_MAX_KEYS);
        String acr = attributes.apply(STEP_UP_ACR);
        this.stepUpAcr = acr == null || acr.isBlank() ? DEFAULT_STEP_UP_ACR : acr.trim();
    }

    public int maxLifetimeDays() {
        return maxLifetimeDays;
    }

    public int defaultLifetimeDays() {
        return defaultLifetimeDays;
    }

    public int rotationOverlapHours() {
        return rotationOverlapHours;
    }

    public int maxKeysPerUser() {
        return maxKeysPerUser;
    }

    public String stepUpAcr() {
        return stepUpAcr;
    }
}
