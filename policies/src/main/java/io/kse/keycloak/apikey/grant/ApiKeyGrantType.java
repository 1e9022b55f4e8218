package io.kse.keycloak.apikey.grant;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.kse.keycloak.apikey.ApiKeyEvents;
import io.kse.keycloak.apikey.ApiKeyFormat;
import io.kse.keycloak.apikey.ApiKeyService;
import io.kse.keycloak.apikey.ParsedApiKey;
import io.kse.keycloak.apikey.jpa.ApiKeyEntity;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * Verifies the key (format and checksum first, then one read by key id), then issues an access token for its owner
 * through a transient user session, restricted to the key's roles, marked with {@value ApiKeyEvents#CLAIM_AUTH}.
 * Every key failure gets the same {@code invalid_grant} answer; only the event says why. Guesses are rate limited
 * ({@link FailureLimiter}).
 */
final class ApiKeyGrantType extends OAuth2GrantTypeBase {

    static final String AUTH_METHOD = "kse-api-key";
    static final String GENERIC_ERROR = "Invalid API key";
    /** Event reason of attempts refused by the failure limit; the answer is the generic one. */
    static final String RATE_LIMITED = "rate_limited";

    @Override
    public Response process(Context context) {
        setContext(context);

        if (client.isPublicClient() || !Boolean.parseBoolean(client.getAttribute(ApiKeyGrantTypeFactory.CLIENT_ATTRIBUTE))) {
            event.detail(Details.REASON, "client not allowed to exchange API keys");
            event.error(Errors.NOT_ALLOWED);
            throw new CorsErrorResponseException(cors, OAuthErrorException.UNAUTHORIZED_CLIENT,
                    "Client not allowed to exchange API keys", Response.Status.BAD_REQUEST);
        }

        ApiKeyService keys = session.getProvider(ApiKeyService.class);
        FailureLimiter limiter = new FailureLimiter(session.singleUseObjects(), keys.serverSettings(), realm.getId());
        String ip = clientConnection.getRemoteHost() == null ? "unknown" : clientConnection.getRemoteHost();
        long now = ApiKeyService.now();

        Optional<ParsedApiKey> parsed = ApiKeyFormat.parse(rawKey());
        // Checked before anything else, and even for the right secret: otherwise the limit would not stop guessing.
        if (limiter.limited(ip, parsed.map(ParsedApiKey::keyId).orElse(null), now)) {
            parsed.ifPresent(candidate -> event.detail(ApiKeyEvents.DETAIL_KEY_ID, candidate.keyId()));
            throw refuse(RATE_LIMITED, null);
        }
        if (parsed.isEmpty()) {
            limiter.recordUnknown(ip, now);
            throw refuse("malformed", null);
        }
        ParsedApiKey candidate = parsed.get();
        event.detail(ApiKeyEvents.DETAIL_KEY_ID, candidate.keyId());

        ApiKeyService.Verification verification = keys.verify(realm, candidate);
        ApiKeyEntity key = verification.key();
        if (key != null) {
            event.detail(ApiKeyEvents.DETAIL_LABEL, key.getLabel());
        }
        // Only guesses count: a revoked or expired key was presented with its real secret.
        if (verification.outcome() == ApiKeyService.Outcome.UNKNOWN) {
            limiter.recordUnknown(ip, now);
        } else if (verification.outcome() == ApiKeyService.Outcome.WRONG_SECRET) {
            limiter.recordWrongSecret(ip, candidate.keyId(), now);
        }
        if (verification.outcome() != ApiKeyService.Outcome.VALID) {
            throw refuse(verification.outcome().name().toLowerCase(Locale.ROOT), key);
        }

        // The owner is read now, so disabling or deleting a user stops the keys at once.
        UserModel user = session.users().getUserById(realm, key.getUserId());
        if (user == null) {
            throw refuse("user_not_found", key);
        }
        event.user(user).detail(Details.USERNAME, user.getUsername());
        if (!user.isEnabled()) {
            throw refuse("user_disabled", key);
        }
        // Pending required actions (a new password after "this wasn't me", an authenticator app to set up) must be
        // done in a browser first; a key must not be a way around them.
        if (user.getRequiredActionsStream().findAny().isPresent()) {
            throw refuse("required_actions_pending", key);
        }
        // A key must not outlive a brute-force lockout of its owner: the lockout exists because someone is guessing.
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(session.getProvider(BruteForceProtector.class),
                session, realm, user) != null) {
            throw refuse("user_locked_out", key);
        }

        String scope = getRequestedScopes();
        List<String> allowedScopes = ApiKeyService.split(key.getAllowedScopes());
        if (allowedScopes != null && !allowedScopes.containsAll(requested(scope))) {
            event.detail(Details.REASON, "scope not allowed for this key");
            event.error(Errors.INVALID_REQUEST);
            throw new CorsErrorResponseException(cors, OAuthErrorException.INVALID_SCOPE,
                    "Scope not allowed for this API key", Response.Status.BAD_REQUEST);
        }

        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
        authSession.setAuthenticatedUser(user);
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setClientNote(OIDCLoginProtocol.ISSUER,
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, scope);

        // Transient: nothing to refresh or to list among the user's sessions; the key is the long-lived credential.
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(root.getId(), realm, user,
                user.getUsername(), clientConnection.getRemoteHost(), AUTH_METHOD, false, null, null,
                UserSessionModel.SessionPersistenceState.TRANSIENT);
        event.session(userSession);
        AuthenticationManager.setClientScopesInSession(session, authSession);
        ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession, authSession);

        TokenManager.AccessTokenResponseBuilder builder = createTokenResponseBuilder(user, userSession, clientSessionCtx, scope, null);
        AccessToken token = builder.getAccessToken();
        TokenRestrictions.restrictRoles(token, ApiKeyService.split(key.getAllowedRoles()));
        token.setOtherClaims(ApiKeyEvents.CLAIM_AUTH, ApiKeyEvents.CLAIM_AUTH_VALUE);
        token.setOtherClaims(ApiKeyEvents.CLAIM_KEY_ID, key.getKeyId());

        keys.recordUse(key, clientConnection.getRemoteHost());
        event.detail(Details.AUTH_METHOD, AUTH_METHOD);
        return createTokenResponse(builder, clientSessionCtx, false);
    }

    /** The parameter as sent: Keycloak's sanitised copy drops control characters, which would hide a NUL. */
    private String rawKey() {
        MultivaluedMap<String, String> raw = request.getDecodedFormParameters();
        List<String> values = raw == null ? null : raw.get(ApiKeyGrantTypeFactory.PARAM);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    private CorsErrorResponseException refuse(String reason, ApiKeyEntity key) {
        event.detail(Details.REASON, reason);
        if (key != null) {
            event.detail(ApiKeyEvents.DETAIL_KEY_ID, key.getKeyId());
        }
        event.error(ApiKeyEvents.ERROR_INVALID_KEY);
        return new CorsErrorResponseException(cors, OAuthErrorException.INVALID_GRANT, GENERIC_ERROR,
                Response.Status.BAD_REQUEST);
    }

    private static Set<String> requested(String scope) {
        Set<String> names = new HashSet<>();
        if (scope != null) {
            for (String name : scope.trim().split("\\s+")) {
                if (!name.isEmpty() && !OAuth2Constants.SCOPE_OPENID.equals(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Override
    protected boolean useRefreshToken() {
        return false;
    }

    @Override
    public EventType getEventType() {
        return EventType.OAUTH2_EXTENSION_GRANT;
    }

    @Override
    public Set<String> getTokenParameterNames() {
        return Set.of(ApiKeyGrantTypeFactory.PARAM);
    }
}
