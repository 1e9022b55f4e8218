package io.kse.keycloak.apikey.grant;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;

import io.kse.keycloak.apikey.ApiKeyEvents;
import io.kse.keycloak.common.BundleInfo;
import org.keycloak.Config;
import org.keycloak.http.HttpRequest;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.AccessToken;

/**
 * Protocol mapper {@value #PROVIDER_ID}: makes Keycloak's standard introspection tell the truth about tokens obtained
 * with an API key.
 * <p>
 * Keycloak 26.7 does not return an access token's own claims on introspection: it builds a new token from the user
 * and the client's protocol mappers. For a key token that drops {@code kse_auth} and {@code kse_api_key_id} and,
 * worse, reports the user's full roles instead of the key's subset. This mapper runs last and, only when the token
 * being introspected (the request's {@code token} parameter, already verified by Keycloak, same {@code jti}) was
 * issued for an API key, copies those claims and the token's realm and client roles back. Other tokens are untouched.
 * Add it to every client that exchanges keys (or to a client scope they all have).
 */
public final class ApiKeyIntrospectionMapper implements ProtocolMapper, TokenIntrospectionTokenMapper,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "kse-api-key-introspection";
    /** After Keycloak's role and audience mappers, so that their results are what gets corrected. */
    static final int PRIORITY = 1000;
    private static final String TOKEN_PARAM = "token";

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel mappingModel,
                                                   KeycloakSession session, UserSessionModel userSession,
                                                   ClientSessionContext clientSessionCtx) {
        AccessToken issued = introspected(session);
        if (issued == null || issued.getId() == null || !issued.getId().equals(token.getId())
                || !ApiKeyEvents.CLAIM_AUTH_VALUE.equals(issued.getOtherClaims().get(ApiKeyEvents.CLAIM_AUTH))) {
            return token;
        }
        token.setOtherClaims(ApiKeyEvents.CLAIM_AUTH, ApiKeyEvents.CLAIM_AUTH_VALUE);
        token.setOtherClaims(ApiKeyEvents.CLAIM_KEY_ID, issued.getOtherClaims().get(ApiKeyEvents.CLAIM_KEY_ID));
        token.setRealmAccess(issued.getRealmAccess());
        token.setResourceAccess(issued.getResourceAccess());
        return token;
    }

    /** The token of this introspection request as issued; Keycloak verified it before running any mapper. */
    private static AccessToken introspected(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        MultivaluedMap<String, String> form = request == null ? null : request.getDecodedFormParameters();
        String raw = form == null ? null : form.getFirst(TOKEN_PARAM);
        if (raw == null) {
            return null;
        }
        try {
            return new JWSInput(raw).readJsonContent(AccessToken.class);
        } catch (JWSInputException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public String getProtocol() {
        return OIDCLoginProtocol.LOGIN_PROTOCOL;
    }

    @Override
    public String getDisplayCategory() {
        return "Token mapper";
    }

    @Override
    public String getDisplayType() {
        return "KSE: API-key claims in introspection";
    }

    @Override
    public String getHelpText() {
        return "For tokens obtained with a personal API key: introspection shows kse_auth, kse_api_key_id and the key's"
                + " roles instead of the user's full roles. Add to every client allowed to exchange API keys.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo();
    }

    @Override
    public ProtocolMapper create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
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
