package io.kse.keycloak.it.support;

import org.keycloak.testframework.config.Config;
import org.keycloak.testframework.server.DistributionKeycloakServer;
import org.keycloak.testframework.server.DistributionKeycloakServerSupplier;
import org.keycloak.testframework.server.KeycloakServer;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The framework's distribution server on configurable ports. Test framework 26.7.0 hard-codes 8080 and 9000, which
 * collide with the dev server and with anything else a developer runs; ours default to 18080 and 18090
 * ({@code kc.test.server.http.port}, {@code kc.test.server.management.port}).
 */
public final class PortableDistributionServerSupplier extends DistributionKeycloakServerSupplier {

    static final String ALIAS = "kse-distribution";

    @Override
    public String getAlias() {
        return ALIAS;
    }

    @Override
    public KeycloakServer getServer() {
        int httpPort = Config.getValueTypeConfig(KeycloakServer.class, "http.port", "18080", Integer.class);
        int managementPort = Config.getValueTypeConfig(KeycloakServer.class, "management.port", "18090", Integer.class);
        long startTimeout = Config.getValueTypeConfig(KeycloakServer.class, "start.timeout", "120", Long.class);
        return new PortableServer(startTimeout, httpPort, managementPort);
    }

    private static final class PortableServer extends DistributionKeycloakServer {

        private final int httpPort;
        private final int managementPort;

        PortableServer(long startTimeout, int httpPort, int managementPort) {
            super(false, false, startTimeout);
            this.httpPort = httpPort;
            this.managementPort = managementPort;
        }

        @Override
        public void start(KeycloakServerConfigBuilder config, boolean tlsEnabled) {
            if (tlsEnabled) {
                throw new IllegalStateException(ALIAS + " serves plain HTTP only");
            }
            config.option("http-port", Integer.toString(httpPort))
                    .option("http-management-port", Integer.toString(managementPort));
            super.start(config, false);
        }

        @Override
        public String getBaseUrl() {
            return "http://localhost:" + httpPort;
        }

        @Override
        public String getManagementBaseUrl() {
            return "http://localhost:" + managementPort;
        }
    }
}
