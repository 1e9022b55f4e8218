package io.kse.keycloak.common.apikey;

import org.keycloak.provider.ProviderFactory;

/** Factory type of the {@value ApiKeyRevokerSpi#NAME} SPI. */
public interface ApiKeyRevokerFactory extends ProviderFactory<ApiKeyRevoker> {
}
