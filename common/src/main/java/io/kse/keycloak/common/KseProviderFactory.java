package io.kse.keycloak.common;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What every factory of the bundle shares: the bundle version in server info, and no server-wide lifecycle unless
 * a factory overrides it. Most of ours read no options and hold nothing to release, so Keycloak's three lifecycle
 * methods would otherwise be empty in each of them.
 */
public interface KseProviderFactory<T extends Provider> extends ProviderFactory<T>, ServerInfoAwareProviderFactory {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }

    /** The bundle's name and version; factories add their effective settings to it. */
    @Override
    default Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo();
    }
}
