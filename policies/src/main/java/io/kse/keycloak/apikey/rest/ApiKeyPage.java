package io.kse.keycloak.apikey.rest;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import io.kse.keycloak.apikey.ApiKeyRealmSettings;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.services.Urls;

/**
 * {@code GET /realms/{realm}/kse-api-keys/page}: the self-service page, template {@value #TEMPLATE} of the realm's
 * login theme. The HTML is the same for everyone and holds no user data, so it needs no authentication: its script
 * signs in as the public client {@value ApiKeyAudience#CLIENT_ID} (code flow with PKCE) and calls the bearer API.
 */
final class ApiKeyPage {

    static final String PATH = "page";
    static final String TEMPLATE = "kse-api-keys.ftl";
    static final String BEAN = "kseApiKeys";

    private ApiKeyPage() {
    }

    static Response render(KeycloakSession session, RealmModel realm, ApiKeyRealmSettings settings) {
        URI base = session.getContext().getUri().getBaseUri();
        String realmName = realm.getName();
        UriBuilder api = Urls.realmBase(base).path(realmName).path(ApiKeyResourceProviderFactory.PROVIDER_ID);
        Map<String, Object> bean = Map.of(
                "clientId", ApiKeyAudience.CLIENT_ID,
                "authUrl", OIDCLoginProtocolService.authUrl(UriBuilder.fromUri(base)).build(realmName).toString(),
                "tokenUrl", OIDCLoginProtocolService.tokenUrl(UriBuilder.fromUri(base)).build(realmName).toString(),
                "apiUrl", api.build().toString(),
                "pageUrl", api.clone().path(PATH).build().toString(),
                "accountUrl", Urls.accountBase(base).path("/").build(realmName).toString(),
                "stepUpAcr", settings.stepUpAcr(),
                "maxDays", settings.maxLifetimeDays(),
                "defaultDays", settings.defaultLifetimeDays());
        return session.getProvider(LoginFormsProvider.class)
                .setAttribute(BEAN, bean)
                .createForm(TEMPLATE);
    }
}
