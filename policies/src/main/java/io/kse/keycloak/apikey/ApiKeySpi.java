package io.kse.keycloak.apikey;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: one place for the server-wide API-key options (pepper) shared by the grant and the REST APIs. */
public final class ApiKeySpi implements Spi {

    public static final String NAME = "kse-api-keys";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return ApiKeyService.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ApiKeyServiceFactory.class;
    }
}
