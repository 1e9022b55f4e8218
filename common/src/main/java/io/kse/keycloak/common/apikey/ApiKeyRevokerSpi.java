package io.kse.keycloak.common.apikey;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: the contract between the notifications module and the API-key module. */
public final class ApiKeyRevokerSpi implements Spi {

    public static final String NAME = "kse-api-key-revoker";

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
        return ApiKeyRevoker.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ApiKeyRevokerFactory.class;
    }
}
