package io.kse.keycloak.apikey;

import static io.kse.keycloak.common.Settings.intIn;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Server-wide options of the {@value ApiKeySpi#NAME} SPI ({@code --spi-kse-api-keys--default--<option>}), read in this
 * one place with their defaults. A value that is not a number or out of range falls back to the default.
 */
public final class ApiKeyServerSettings {

    public static final String PEPPER = "pepper";
    public static final String MAINTENANCE_INTERVAL_MINUTES = "maintenance-interval-minutes";
    public static final String FAILURE_WINDOW_SECONDS = "failure-window-seconds";
    public static final String FAILURE_LIMIT_PER_KEY = "failure-limit-per-key";
    public static final String FAILURE_LIMIT_PER_IP = "failure-limit-per-ip";

    static final int DEFAULT_INTERVAL_MINUTES = 24 * 60;
    static final int DEFAULT_WINDOW_SECONDS = 5 * 60;
    static final int DEFAULT_LIMIT_PER_KEY = 10;
    /** Higher than per key: many clients (and many keys) may share one address behind a NAT or proxy. */
    static final int DEFAULT_LIMIT_PER_IP = 100;

    private final String pepper;
    private final Duration maintenanceInterval;
    private final Duration failureWindow;
    private final int failureLimitPerKey;
    private final int failureLimitPerIp;

    /** {@code options} maps an option name to its value, null when unset (e.g. {@code Config.Scope::get}). */
    public ApiKeyServerSettings(UnaryOperator<String> options) {
        this.pepper = options.apply(PEPPER);
        this.maintenanceInterval = Duration.ofMinutes(intIn(options.apply(MAINTENANCE_INTERVAL_MINUTES), 1,
                7 * 24 * 60, DEFAULT_INTERVAL_MINUTES));
        this.failureWindow = Duration.ofSeconds(intIn(options.apply(FAILURE_WINDOW_SECONDS), 10, 24 * 3600,
                DEFAULT_WINDOW_SECONDS));
        this.failureLimitPerKey = intIn(options.apply(FAILURE_LIMIT_PER_KEY), 1, 1000, DEFAULT_LIMIT_PER_KEY);
        this.failureLimitPerIp = intIn(options.apply(FAILURE_LIMIT_PER_IP), 1, 100_000, DEFAULT_LIMIT_PER_IP);
    }

    /** Null or blank means none. */
    public String pepper() {
        return pepper;
    }

    /** How often one node of the cluster runs the reminder and clean-up pass. */
    public Duration maintenanceInterval() {
        return maintenanceInterval;
    }

    public Duration failureWindow() {
        return failureWindow;
    }

    /** Failed uses of one existing key id from one client address per window. */
    public int failureLimitPerKey() {
        return failureLimitPerKey;
    }

    /** Failed uses (any key, also unknown or malformed ones) from one client address per window. */
    public int failureLimitPerIp() {
        return failureLimitPerIp;
    }
}
