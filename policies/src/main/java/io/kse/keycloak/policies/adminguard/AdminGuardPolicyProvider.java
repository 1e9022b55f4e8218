package io.kse.keycloak.policies.adminguard;

import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.fgap.AdminPermissionsSchema;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.permission.ResourcePermission;
import org.keycloak.authorization.policy.evaluation.Evaluation;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Grants unless the admin request would let a requester touch their own user, a holder of the protected role they do
 * not hold themselves, or the protected role itself. Meant to sit next to a role policy in FGAP v2 permissions on the
 * Users and Roles resource types, where Keycloak evaluates it for the user or role being acted on.
 */
final class AdminGuardPolicyProvider implements PolicyProvider {

    @Override
    public void evaluate(Evaluation evaluation) {
        if (allows(evaluation)) {
            evaluation.grant();
        } else {
            evaluation.deny();
        }
    }

    private static boolean allows(Evaluation evaluation) {
        AuthorizationProvider authorization = evaluation.getAuthorizationProvider();
        KeycloakSession session = authorization.getKeycloakSession();
        RealmModel realm = authorization.getRealm();
        UserModel requester = session.users().getUserById(realm, evaluation.getContext().getIdentity().getId());
        if (requester == null) {
            // Service accounts of resource servers and unknown identities get nothing from this guard.
            return false;
        }
        RoleModel protectedRole = realm.getRole(protectedRoleName(evaluation.getPolicy()));
        boolean requesterProtected = holds(requester, protectedRole);

        ResourcePermission permission = evaluation.getPermission();
        String resourceType = permission.getResourceType();
        Resource resource = permission.getResource();
        // FGAP v2 evaluates "all users"/"all roles" checks against the resource named after the type.
        boolean allResources = resource == null || resource.getName().equals(resourceType);

        if (AdminPermissionsSchema.USERS_RESOURCE_TYPE.equals(resourceType)) {
            if (!allResources) {
                UserModel target = session.users().getUserById(realm, resource.getName());
                return target != null && GuardRules.mayActOnUser(requester.getId(), requesterProtected,
                        target.getId(), holds(target, protectedRole));
            }
            AdminRequest request = currentRequest(session);
            UserModel sessionOwner = sessionOwner(session, realm, request.sessionId());
            if (sessionOwner != null) {
                return GuardRules.mayActOnUser(requester.getId(), requesterProtected, sessionOwner.getId(),
                        holds(sessionOwner, protectedRole));
            }
            return GuardRules.mayActOnAllUsers(requesterProtected, request.isUserCreation());
        }
        if (AdminPermissionsSchema.ROLES_RESOURCE_TYPE.equals(resourceType)) {
            if (allResources) {
                return true;
            }
            RoleModel role = session.roles().getRoleById(realm, resource.getName());
            return role != null && GuardRules.mayMapRole(requesterProtected, holds(role, protectedRole));
        }
        // Attached to a permission on another resource type: a misconfiguration, so grant nothing.
        return false;
    }

    private static String protectedRoleName(Policy policy) {
        String name = policy.getConfig().get(AdminGuardPolicyProviderFactory.CONFIG_PROTECTED_ROLE);
        return name == null || name.isBlank() ? AdminGuardPolicyProviderFactory.DEFAULT_PROTECTED_ROLE : name.trim();
    }

    private static AdminRequest currentRequest(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || session.getContext().getUri() == null) {
            return AdminRequest.of(null, null);
        }
        return AdminRequest.of(request.getHttpMethod(), session.getContext().getUri().getPath());
    }

    private static UserModel sessionOwner(KeycloakSession session, RealmModel realm, String sessionId) {
        if (sessionId == null) {
            return null;
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, sessionId);
        if (userSession == null) {
            userSession = session.sessions().getOfflineUserSession(realm, sessionId);
        }
        return userSession == null ? null : userSession.getUser();
    }

    /** Role membership from the store, so it follows grants and revocations made after the requester's login. */
    private static boolean holds(UserModel user, RoleModel role) {
        return role != null && user.hasRole(role);
    }

    private static boolean holds(RoleModel role, RoleModel protectedRole) {
        return protectedRole != null && role.hasRole(protectedRole);
    }

    @Override
    public void close() {
    }
}
