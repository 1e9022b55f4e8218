package io.kse.keycloak.apikey;

import io.kse.keycloak.common.KseProviderFactory;
import io.kse.keycloak.common.apikey.ApiKeyRevoker;
import io.kse.keycloak.common.apikey.ApiKeyRevokerFactory;
import org.keycloak.models.KeycloakSession;

/** The API-key module's side of {@link io.kse.keycloak.common.apikey.ApiKeyRevokerSpi}. */
public final class DefaultApiKeyRevokerFactory implements ApiKeyRevokerFactory, KseProviderFactory<ApiKeyRevoker> {

    public static final String PROVIDER_ID = "default";

    @Override
    public ApiKeyRevoker create(KeycloakSession session) {
        return new DefaultApiKeyRevoker(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
