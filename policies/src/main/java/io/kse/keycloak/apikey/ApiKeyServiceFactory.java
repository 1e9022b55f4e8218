package io.kse.keycloak.apikey;

import org.keycloak.provider.ProviderFactory;

/** Factory type of the {@value ApiKeySpi#NAME} SPI. */
public interface ApiKeyServiceFactory extends ProviderFactory<ApiKeyService> {
}
