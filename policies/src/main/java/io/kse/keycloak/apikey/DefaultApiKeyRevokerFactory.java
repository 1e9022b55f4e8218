package io.kse.keycloak.apikey;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.apikey.ApiKeyRevoker;
import io.kse.keycloak.common.apikey.ApiKeyRevokerFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** The API-key module's side of {@link io.kse.keycloak.common.apikey.ApiKeyRevokerSpi}. */
public final class DefaultApiKeyRevokerFactory implements ApiKeyRevokerFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";

    @Override
    public ApiKeyRevoker create(KeycloakSession session) {
        return new DefaultApiKeyRevoker(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
