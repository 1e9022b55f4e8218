package io.kse.keycloak.mfa.admin;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/kse-mfa}: an administrator resets a user's MFA (second factors removed, sessions ended,
 * enrolment at the next login through {@code kse-enforce-mfa}).
 * <p>
 * The caller needs "manage" on the user through Keycloak's own permission evaluator, so the realm's fine-grained
 * permissions and the {@code kse-admin-guard} policy decide (in the template: root and admin, never on themselves, an
 * admin never on a root). On top of that, a holder of the protected role (root) is never reset by anyone else, not even
 * by another root or a master-realm administrator.
 */
public final class MfaAdminResource {

    /** Last element of the admin event's resource path {@code users/{id}/kse-mfa-reset}. */
    static final String RESOURCE_PATH_ACTION = "kse-mfa-reset";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String protectedRole;

    MfaAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                     AdminEventBuilder adminEvent, String protectedRole) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.protectedRole = protectedRole;
    }

    /** Removes every second factor of the user and ends their sessions; answers what was removed. */
    @POST
    @Path("users/{userId}/reset")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> reset(@PathParam("userId") String userId) {
        if (!UserIds.wellFormed(userId)) {
            throw ErrorResponse.error("Invalid user id", Response.Status.BAD_REQUEST);
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            // Like Keycloak's own user resource: only callers who may search users learn that an id does not exist.
            if (auth.users().canQuery()) {
                throw ErrorResponse.error("User not found", Response.Status.NOT_FOUND);
            }
            throw ErrorResponse.error("Forbidden", Response.Status.FORBIDDEN);
        }
        auth.users().requireManage(user);
        UserModel caller = auth.adminAuth().getUser();
        if (holdsProtectedRole(user) && (caller == null || !caller.getId().equals(user.getId()))) {
            throw ErrorResponse.error("The MFA of a " + protectedRole + " user can only be reset by that user",
                    Response.Status.FORBIDDEN);
        }

        MfaReset.Result result = new MfaReset(session, realm).reset(user, auth.adminAuth());

        Map<String, Object> summary = result.summary(user);
        adminEvent.operation(OperationType.ACTION)
                // Under the user, like Keycloak's own user actions, so the admin events of a user show it.
                .resourcePath("users", user.getId(), RESOURCE_PATH_ACTION)
                .representation(summary)
                .detail(MfaReset.DETAIL_REMOVED, Integer.toString(result.removed().size()))
                .success();
        return summary;
    }

    private boolean holdsProtectedRole(UserModel user) {
        RoleModel role = KeycloakModelUtils.getRoleFromString(realm, protectedRole);
        return role != null && user.hasRole(role);
    }
}
