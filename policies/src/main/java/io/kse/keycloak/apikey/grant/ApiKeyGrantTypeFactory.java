package io.kse.keycloak.apikey.grant;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;

/**
 * Grant type {@value #GRANT_TYPE} at the realm's token endpoint: a confidential client that opted in (client attribute
 * {@value #CLIENT_ATTRIBUTE} = true) exchanges a user's API key ({@value #PARAM}) for a short-lived access token of
 * that user, without a refresh token.
 */
public final class ApiKeyGrantTypeFactory implements OAuth2GrantTypeFactory, KseProviderFactory<OAuth2GrantType> {

    public static final String GRANT_TYPE = "urn:kse:params:oauth:grant-type:api-key";
    public static final String PARAM = "api_key";
    public static final String CLIENT_ATTRIBUTE = "kse.apiKeyGrant";
    /** Two characters, unique among grant types: Keycloak encodes it into every token id. */
    static final String SHORTCUT = "ak";

    @Override
    public String getId() {
        return GRANT_TYPE;
    }

    @Override
    public String getShortcut() {
        return SHORTCUT;
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new ApiKeyGrantType();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.put("grant-type", GRANT_TYPE);
        info.put("parameter", PARAM);
        info.put("client-attribute", CLIENT_ATTRIBUTE);
        return info;
    }
}
