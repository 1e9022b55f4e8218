package io.kse.keycloak.it.notify;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * {@code BundleServerConfig} (applied first, through {@code kc.test.server.config}) with two delivery attempts instead
 * of thirty, so that a notification is dead-lettered within seconds. A runtime option only: switching to and from
 * this configuration restarts the server but does not rebuild it.
 */
public final class DeadLetterServerConfig implements KeycloakServerConfig {

    static final int MAX_ATTEMPTS = 2;

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config.spiOption("events-listener", "kse-security-notifications", "max-attempts", Integer.toString(MAX_ATTEMPTS));
    }
}
