package io.kse.keycloak.apikey.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.kse.keycloak.apikey.ApiKeyEvents;
import io.kse.keycloak.apikey.ApiKeyLifetime;
import io.kse.keycloak.apikey.ApiKeyRealmSettings;
import io.kse.keycloak.apikey.ApiKeyService;
import io.kse.keycloak.apikey.jpa.ApiKeyEntity;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/kse-api-keys}: a user lists, creates, rotates and revokes their own keys.
 * <p>
 * Authentication is the bearer access token only, never the session cookie, which is also the CSRF defence: a
 * cross-site page can make a browser send cookies but not an {@code Authorization} header (that needs a CORS
 * preflight, which this resource never approves). Only tokens meant for this API are accepted ({@link ApiKeyAudience}),
 * and tokens obtained with an API key are refused, so a leaked key cannot mint more keys. Key ids in paths must be the caller's own keys in this realm; anything else is 404.
 */
public final class ApiKeySelfServiceResource {

    static final Set<String> SECOND_FACTORS = Set.of("otp", "webauthn", "webauthn-passwordless");
    static final int MAX_LABEL_LENGTH = 100;
    static final int MAX_OVERLAP_HOURS = 7 * 24;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiKeyService keys;

    ApiKeySelfServiceResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.keys = session.getProvider(ApiKeyService.class);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        Caller caller = authenticate();
        long now = ApiKeyService.now();
        List<Map<String, Object>> views = keys.ownedBy(realm, caller.user()).stream()
                .map(key -> ApiKeyViews.of(key, now))
                .toList();
        return Response.ok(views).build();
    }

    /** The themed page; it authenticates itself against this API (see {@link ApiKeyPage}). */
    @GET
    @Path(ApiKeyPage.PATH)
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return ApiKeyPage.render(session, realm, keys.settings(realm));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        Caller caller = authenticate();
        requireRecentSecondFactor(caller);
        ApiKeyRequest request = read(body);
        ApiKeyRealmSettings settings = keys.settings(realm);

        String label = request.getLabel() == null ? "" : request.getLabel().strip();
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.chars().anyMatch(Character::isISOControl)) {
            throw new ApiKeyException(Response.Status.BAD_REQUEST, "invalid_label",
                    "label: 1 to " + MAX_LABEL_LENGTH + " characters, no control characters");
        }
        long now = ApiKeyService.now();
        long expiresAt = ApiKeyLifetime.expiresAt(now, request.getExpiresInDays(), settings);
        if (expiresAt < 0) {
            throw new ApiKeyException(Response.Status.BAD_REQUEST, "invalid_lifetime",
                    "expiresInDays: 1 to " + settings.maxLifetimeDays());
        }
        List<String> roles = ownRoles(caller.user(), request.getRoles());
        List<String> scopes = realmScopes(request.getScopes());
        if (keys.countActive(realm, caller.user()) >= settings.maxKeysPerUser()) {
            throw new ApiKeyException(Response.Status.CONFLICT, "too_many_keys",
                    "at most " + settings.maxKeysPerUser() + " active keys per user");
        }

        ApiKeyService.Issued issued = keys.create(realm, caller.user(), label, now, expiresAt, roles, scopes);
        event(caller, EventType.UPDATE_CREDENTIAL, issued.key(), "create").success();
        return noStore(Response.status(Response.Status.CREATED).entity(ApiKeyViews.issued(issued, now)));
    }

    @POST
    @Path("{id}/rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("id") String id, String body) {
        Caller caller = authenticate();
        ApiKeyEntity old = own(caller, id);
        requireRecentSecondFactor(caller);
        ApiKeyRequest request = body == null || body.isBlank() ? new ApiKeyRequest() : read(body);
        ApiKeyRealmSettings settings = keys.settings(realm);
        int overlap = request.getOverlapHours() == null ? settings.rotationOverlapHours() : request.getOverlapHours();
        if (overlap < 0 || overlap > MAX_OVERLAP_HOURS) {
            throw new ApiKeyException(Response.Status.BAD_REQUEST, "invalid_overlap", "overlapHours: 0 to 168");
        }
        long now = ApiKeyService.now();
        if (old.getRevokedAt() != null || old.getRotatedAt() != null || !ApiKeyLifetime.usable(now, old.getExpiresAt(), null)) {
            throw new ApiKeyException(Response.Status.CONFLICT, "not_rotatable",
                    "only an active key that was not rotated before can be rotated");
        }

        ApiKeyService.Issued issued = keys.rotate(realm, old, overlap);
        event(caller, EventType.UPDATE_CREDENTIAL, issued.key(), "rotate")
                .detail(ApiKeyEvents.DETAIL_ROTATED_FROM, old.getKeyId())
                .success();
        return noStore(Response.status(Response.Status.CREATED).entity(ApiKeyViews.issued(issued, now)));
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        Caller caller = authenticate();
        ApiKeyEntity key = own(caller, id);
        keys.revoke(key);
        event(caller, EventType.REMOVE_CREDENTIAL, key, "revoke").success();
        return Response.noContent().build();
    }

    private record Caller(AuthResult auth) {
        UserModel user() {
            return auth.user();
        }
    }

    private Caller authenticate() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiKeyException(Response.Status.UNAUTHORIZED, "unauthorized", "bearer access token required");
        }
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (auth == null) {
            throw new ApiKeyException(Response.Status.UNAUTHORIZED, "unauthorized", "invalid or expired access token");
        }
        if (ApiKeyEvents.CLAIM_AUTH_VALUE.equals(auth.token().getOtherClaims().get(ApiKeyEvents.CLAIM_AUTH))) {
            throw new ApiKeyException(Response.Status.FORBIDDEN, "forbidden", "tokens obtained with an API key cannot manage API keys");
        }
        // Without this, any app a user signed in to could manage their keys with the token it holds.
        if (!ApiKeyAudience.accepts(auth.token())) {
            throw new ApiKeyException(Response.Status.UNAUTHORIZED, "invalid_token",
                    "access token not meant for this API: it must be issued to the client " + ApiKeyAudience.CLIENT_ID
                            + " or carry it in its audience");
        }
        if (auth.user().getServiceAccountClientLink() != null) {
            throw new ApiKeyException(Response.Status.FORBIDDEN, "forbidden", "service accounts have no personal API keys");
        }
        return new Caller(auth);
    }

    /** Users with a second factor must have used it within the last five minutes to create or rotate a key. */
    private void requireRecentSecondFactor(Caller caller) {
        boolean hasSecondFactor = caller.user().credentialManager().getStoredCredentialsStream()
                .map(CredentialModel::getType)
                .anyMatch(SECOND_FACTORS::contains);
        if (hasSecondFactor && !ApiKeyLifetime.recentStepUp(Time.currentTime(), caller.auth().token().getAcr(),
                authTime(caller), keys.settings(realm).stepUpAcr())) {
            throw new ApiKeyException(Response.Status.FORBIDDEN, "step_up_required",
                    "sign in again with your second factor (within the last 5 minutes) to create or rotate API keys");
        }
    }

    /**
     * The token's auth_time when its client maps it; else the session's record of its last authentication, which
     * Keycloak keeps only after re-authentication, so a session that never re-authenticated counts from its start.
     */
    private static Long authTime(Caller caller) {
        Long fromToken = caller.auth().token().getAuth_time();
        if (fromToken != null || caller.auth().session() == null) {
            return fromToken;
        }
        String note = caller.auth().session().getNote(AuthenticationManager.AUTH_TIME);
        try {
            return note == null ? Long.valueOf(caller.auth().session().getStarted()) : Long.valueOf(note);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ApiKeyEntity own(Caller caller, String id) {
        Optional<ApiKeyEntity> key = keys.findOwned(realm, caller.user(), id);
        return key.orElseThrow(() -> new ApiKeyException(Response.Status.NOT_FOUND, "not_found", "no such API key"));
    }

    /** Null (no restriction) or a subset of the realm roles the user holds now. */
    private List<String> ownRoles(UserModel user, List<String> requested) {
        if (requested == null) {
            return null;
        }
        List<String> roles = new ArrayList<>(new LinkedHashSet<>(requested));
        for (String name : roles) {
            RoleModel role = name == null ? null : realm.getRole(name);
            if (role == null || !user.hasRole(role)) {
                throw new ApiKeyException(Response.Status.BAD_REQUEST, "invalid_roles", "roles must be realm roles you hold");
            }
        }
        return roles;
    }

    private List<String> realmScopes(List<String> requested) {
        if (requested == null) {
            return null;
        }
        Set<String> known = realm.getClientScopesStream().map(ClientScopeModel::getName).collect(Collectors.toSet());
        List<String> scopes = new ArrayList<>(new LinkedHashSet<>(requested));
        if (!known.containsAll(scopes)) {
            throw new ApiKeyException(Response.Status.BAD_REQUEST, "invalid_scopes", "scopes must be client scopes of this realm");
        }
        return scopes;
    }

    private static ApiKeyRequest read(String body) {
        try {
            return JsonSerialization.readValue(body == null ? "" : body, ApiKeyRequest.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiKeyException(Response.Status.BAD_REQUEST, "invalid_request", "malformed JSON body");
        }
    }

    private EventBuilder event(Caller caller, EventType type, ApiKeyEntity key, String action) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type)
                .user(caller.user())
                .client(caller.auth().client())
                .detail(Details.CREDENTIAL_TYPE, ApiKeyEvents.CREDENTIAL_TYPE)
                .detail(ApiKeyEvents.DETAIL_KEY_ID, key.getKeyId())
                .detail(ApiKeyEvents.DETAIL_LABEL, key.getLabel())
                .detail(ApiKeyEvents.DETAIL_ACTION, action);
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
