package io.kse.keycloak.apikey.rest;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts the self-service API and its page at {@code /realms/{realm}/}{@value #PROVIDER_ID}. */
public final class ApiKeyResourceProviderFactory implements RealmResourceProviderFactory, KseProviderFactory<RealmResourceProvider> {

    public static final String PROVIDER_ID = "kse-api-keys";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ApiKeyResourceProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.put("path", "/realms/{realm}/" + PROVIDER_ID);
        info.put("authentication", "bearer access token issued to or for the client " + ApiKeyAudience.CLIENT_ID);
        info.put("page", "/realms/{realm}/" + PROVIDER_ID + "/" + ApiKeyPage.PATH);
        return info;
    }

    private record ApiKeyResourceProvider(KeycloakSession session) implements RealmResourceProvider {

        @Override
        public Object getResource() {
            return new ApiKeySelfServiceResource(session);
        }

        @Override
        public void close() {
        }
    }
}
