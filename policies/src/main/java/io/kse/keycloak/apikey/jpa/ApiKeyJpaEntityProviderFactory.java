package io.kse.keycloak.apikey.jpa;

import java.util.List;
import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Adds the {@code KSE_API_KEY} table to Keycloak's database (Liquibase changelog table DATABASECHANGELOG_KSE_API_KE). */
public final class ApiKeyJpaEntityProviderFactory implements JpaEntityProviderFactory, KseProviderFactory<JpaEntityProvider> {

    public static final String PROVIDER_ID = "kse-api-keys";
    static final String CHANGELOG = "META-INF/kse-api-keys-changelog.xml";

    // Stateless; Keycloak's build step also calls create(null) to collect the entities.
    private static final JpaEntityProvider PROVIDER = new ApiKeyJpaEntityProvider();

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
        info.put("table", "KSE_API_KEY");
        info.put("changelog", CHANGELOG);
        return info;
    }

    private static final class ApiKeyJpaEntityProvider implements JpaEntityProvider {

        @Override
        public List<Class<?>> getEntities() {
            return List.of(ApiKeyEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return CHANGELOG;
        }

        @Override
        public String getFactoryId() {
            return PROVIDER_ID;
        }

        @Override
        public void close() {
        }
    }
}
