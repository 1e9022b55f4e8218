package io.kse.keycloak.it.support;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder.LogHandlers;

/**
 * The server every integration test runs against (selected through {@code kc.test.server.config}): Keycloak with the
 * bundle jar as built by the {@code bundle} module, and the realm template's password denylist in place.
 */
public final class BundleServerConfig implements KeycloakServerConfig {

    /** Where failsafe says the build put the denylist (realm-config/target/classes/password-blacklists). */
    private static final String DENYLIST_DIR = System.getProperty("kse.denylist.dir");
    /** Where failsafe wants the server log (target/server-log/keycloak.log), searched for secrets by NoSecretLeaksIT. */
    public static final String SERVER_LOG = System.getProperty("kse.server.log");

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        config.dependency("io.kse", "keycloak-security-essentials");
        if (DENYLIST_DIR != null) {
            config.spiOption("password-policy", "password-blacklist", "blacklists-path", DENYLIST_DIR);
        }
        // Security notifications: retry within seconds rather than minutes, so that the delivery tests stay short.
        config.spiOption("events-listener", "kse-security-notifications", "poll-interval-seconds", "1")
                .spiOption("events-listener", "kse-security-notifications", "backoff-base-seconds", "1")
                .spiOption("events-listener", "kse-security-notifications", "backoff-max-seconds", "2")
                .spiOption("events-listener", "kse-security-notifications", "max-attempts", "30");
        if (SERVER_LOG != null) {
            // Also to a file, with our own code at DEBUG there, so that the leak check sees what we log at any level.
            config.option("log-file", SERVER_LOG);
            config.log().handlers(LogHandlers.CONSOLE, LogHandlers.FILE)
                    .handlerLevel(LogHandlers.CONSOLE, "INFO")
                    .handlerLevel(LogHandlers.FILE, "DEBUG")
                    .categoryLevel("io.kse", "DEBUG");
        }
        // Metrics are a build option: on for every test class, so that DeadLetterIT's own configuration (runtime
        // options only) restarts the server without rebuilding it.
        config.option("metrics-enabled", "true");
        return config;
    }
}
