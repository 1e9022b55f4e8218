package io.kse.keycloak.notify;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the notification outbox table. Keycloak calls {@link #create} at build time with no session. */
public final class OutboxJpaEntityProviderFactory implements JpaEntityProviderFactory, KseProviderFactory<JpaEntityProvider> {

    public static final String PROVIDER_ID = "kse-notification-outbox";

    private static final OutboxJpaEntityProvider PROVIDER = new OutboxJpaEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.put("changelog", OutboxJpaEntityProvider.CHANGELOG);
        return info;
    }
}
