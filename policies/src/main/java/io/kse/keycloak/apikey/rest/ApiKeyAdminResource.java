package io.kse.keycloak.apikey.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.kse.keycloak.apikey.ApiKeyEvents;
import io.kse.keycloak.apikey.ApiKeyService;
import io.kse.keycloak.apikey.jpa.ApiKeyEntity;
import io.kse.keycloak.apikey.maintenance.ApiKeyMaintenance;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/kse-api-keys}: list every key of the realm and revoke any, or all of one user's; run
 * the maintenance pass of the realm.
 * <p>
 * Listing needs {@code view-users}; each key is shown, and can be revoked, only if the caller may manage its owner.
 * Through the realm template's permissions and the {@code kse-admin-guard} policy that means: an Admin neither sees
 * nor touches a Root's keys, and nobody manages their own keys here (that is the self-service API's job).
 */
public final class ApiKeyAdminResource {

    static final String RESOURCE_TYPE = "KSE_API_KEY";
    static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final ApiKeyService keys;

    ApiKeyAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.keys = session.getProvider(ApiKeyService.class);
    }

    /** Filters: {@code user} (id), {@code status} (active, expired, revoked), {@code label} (substring). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list(@QueryParam("user") String userId, @QueryParam("status") String status,
                                          @QueryParam("label") String label,
                                          @QueryParam("first") @DefaultValue("0") int first,
                                          @QueryParam("max") @DefaultValue("100") int max) {
        auth.users().requireView();
        long now = ApiKeyService.now();
        List<ApiKeyEntity> candidates;
        if (userId != null) {
            UserModel owner = session.users().getUserById(realm, userId);
            candidates = owner == null ? List.of() : keys.ownedBy(realm, owner);
        } else {
            candidates = keys.inRealm(realm, Math.max(first, 0), Math.min(Math.max(max, 1), MAX_PAGE));
        }
        Map<String, Optional<UserModel>> manageable = new HashMap<>();
        List<Map<String, Object>> views = new ArrayList<>();
        for (ApiKeyEntity key : candidates) {
            Optional<UserModel> owner = manageable.computeIfAbsent(key.getUserId(), this::manageableOwner);
            if (owner.isEmpty()) {
                continue;
            }
            Map<String, Object> view = ApiKeyViews.of(key, now);
            if ((status == null || status.equals(view.get("status")))
                    && (label == null || key.getLabel().toLowerCase(Locale.ROOT).contains(label.toLowerCase(Locale.ROOT)))) {
                Map<String, Object> withOwner = new LinkedHashMap<>();
                withOwner.put("userId", owner.get().getId());
                withOwner.put("username", owner.get().getUsername());
                withOwner.putAll(view);
                views.add(withOwner);
            }
        }
        return views;
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        auth.users().requireView();
        ApiKeyEntity key = keys.findInRealm(realm, id)
                .filter(k -> manageableOwner(k.getUserId()).isPresent())
                .orElseThrow(() -> new ApiKeyException(Response.Status.NOT_FOUND, "not_found", "no such API key"));
        revokeAndAudit(key);
        return Response.noContent().build();
    }

    /**
     * Revokes every key of one user; answers how many were still unrevoked. Each key gets the admin event of a single
     * revocation, so the audit names every key and its owner is told about each, as when they are revoked one by one.
     */
    @DELETE
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> revokeAllOfUser(@PathParam("userId") String userId) {
        auth.users().requireView();
        UserModel owner = manageableOwner(userId)
                .orElseThrow(() -> new ApiKeyException(Response.Status.NOT_FOUND, "not_found", "no such user"));
        int revoked = 0;
        for (ApiKeyEntity key : keys.ownedBy(realm, owner)) {
            if (key.getRevokedAt() == null) {
                revokeAndAudit(key);
                revoked++;
            }
        }
        return Map.of("revoked", revoked);
    }

    /**
     * Revokes the key and writes its admin event ({@code DELETE kse-api-keys/{keyId}} with key id, label and owner), the
     * audit record from which the notification listener mails the owner.
     */
    private void revokeAndAudit(ApiKeyEntity key) {
        keys.revoke(key);
        adminEvent.operation(OperationType.DELETE)
                .resourcePath(ApiKeyAdminResourceProviderFactory.PROVIDER_ID, key.getKeyId())
                .detail(ApiKeyEvents.DETAIL_KEY_ID, key.getKeyId())
                // Set even when empty: one builder serves every key of a bulk revocation and keeps earlier details.
                .detail(ApiKeyEvents.DETAIL_LABEL, key.getLabel() == null ? "" : key.getLabel())
                .detail(ApiKeyEvents.DETAIL_OWNER, key.getUserId())
                .success();
    }

    /**
     * Runs the maintenance pass (reminders, expiry notices, deletion after 30 days) for this realm now, as the scheduled
     * job does daily for all realms: after restoring a backup, or in tests, which cannot wait a day. Needs
     * {@code manage-realm}; safe to repeat, since every notice is claimed once per key.
     */
    @POST
    @Path("maintenance")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> maintenance() {
        auth.realm().requireManageRealm();
        ApiKeyMaintenance.Result result = new ApiKeyMaintenance(session).run(realm, ApiKeyService.now());
        adminEvent.operation(OperationType.ACTION)
                .resourcePath(session.getContext().getUri())
                .success();
        return Map.of("reminded14", result.reminded14(), "reminded3", result.reminded3(),
                "expired", result.expired(), "deleted", result.deleted());
    }

    /** The owner, if the caller may manage them; hidden otherwise (an Admin does not learn a Root's key ids). */
    private Optional<UserModel> manageableOwner(String userId) {
        UserModel owner = session.users().getUserById(realm, userId);
        return owner != null && auth.users().canManage(owner) ? Optional.of(owner) : Optional.empty();
    }
}
