package io.kse.keycloak.notify;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the outbox entity to Keycloak's persistence unit; its table comes from our Liquibase changelog. */
final class OutboxJpaEntityProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/kse-notify-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(OutboxEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return OutboxJpaEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
