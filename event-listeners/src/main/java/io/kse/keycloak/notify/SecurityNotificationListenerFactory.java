package io.kse.keycloak.notify;

import java.util.List;
import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Event listener {@value #PROVIDER_ID}: security notification mails through a transactional outbox. Add it to a
 * realm's event listeners in place of Keycloak's {@code email} listener.
 */
public final class SecurityNotificationListenerFactory implements EventListenerProviderFactory,
        KseProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "kse-security-notifications";

    private NotifyConfig config;
    private DeliveryWorker worker;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SecurityNotificationListener(session, config, worker);
    }

    @Override
    public void init(Config.Scope scope) {
        config = NotifyConfig.from(scope);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        worker = new DeliveryWorker(factory, config);
        // Only once the database is migrated, so that the outbox table exists.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                worker.start();
            }
        });
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return NotifyConfigProperties.metadata();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.putAll(config.effective());
        return info;
    }
}
