package io.kse.keycloak.mfa;

import java.util.List;
import java.util.Objects;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Who must use MFA: everyone, or holders of any of the roles (directly, through a composite or through a group). */
record MfaRequirement(boolean everyone, List<String> roles) {

    private static final System.Logger LOG = System.getLogger(MfaRequirement.class.getName());

    MfaRequirement {
        roles = List.copyOf(roles);
    }

    boolean appliesTo(RealmModel realm, UserModel user) {
        if (everyone) {
            return true;
        }
        // Role lookups and UserModel.hasRole are served from Keycloak's realm and user caches: no query for a cached user.
        return roles.stream()
                .map(name -> role(realm, name))
                .filter(Objects::nonNull)
                .anyMatch(user::hasRole);
    }

    private static RoleModel role(RealmModel realm, String name) {
        RoleModel role = KeycloakModelUtils.getRoleFromString(realm, name);
        if (role == null) {
            LOG.log(System.Logger.Level.WARNING, "Role {0} configured for MFA enforcement does not exist in realm {1}",
                    name, realm.getName());
        }
        return role;
    }
}
