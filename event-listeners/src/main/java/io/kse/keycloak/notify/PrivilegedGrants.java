package io.kse.keycloak.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Which privileged roles a role mapping or a group membership just gave a user: those the grant brings (the role
 * itself, a composite containing it, a group or parent group holding it) and that the user did not already hold
 * through another mapping or group. Runs in the transaction of the grant, so the model already shows it.
 */
final class PrivilegedGrants {

    private PrivilegedGrants() {
    }

    /**
     * @param grantedRoleIds comma-separated ids of the roles just mapped, or null
     * @param joinedGroupId  id of the group just joined, or null
     * @param payload        receives {@link Trigger#GROUP} (the group's path) for a membership
     * @return the privileged roles newly held, comma-separated, empty for none
     */
    static String newlyHeld(KeycloakSession session, RealmModel realm, UserModel user, List<String> privilegedRoleNames,
                            String grantedRoleIds, String joinedGroupId, Map<String, String> payload) {
        List<RoleModel> privileged = privilegedRoleNames.stream().map(realm::getRole).filter(Objects::nonNull).toList();
        if (privileged.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        if (grantedRoleIds != null && !grantedRoleIds.isBlank()) {
            Set<String> granted = Set.of(grantedRoleIds.split(","));
            List<RoleModel> roles = granted.stream().map(realm::getRoleById).filter(Objects::nonNull).toList();
            for (RoleModel role : privileged) {
                boolean brought = roles.stream().anyMatch(r -> r.hasRole(role));
                boolean heldBefore = user.getRoleMappingsStream().filter(r -> !granted.contains(r.getId()))
                        .anyMatch(r -> r.hasRole(role)) || user.getGroupsStream().anyMatch(g -> g.hasRole(role));
                if (brought && !heldBefore) {
                    names.add(role.getName());
                }
            }
        } else if (joinedGroupId != null && !joinedGroupId.isBlank()) {
            GroupModel group = session.groups().getGroupById(realm, joinedGroupId);
            if (group == null) {
                return "";
            }
            for (RoleModel role : privileged) {
                boolean heldBefore = user.getRoleMappingsStream().anyMatch(r -> r.hasRole(role))
                        || user.getGroupsStream().filter(g -> !g.getId().equals(group.getId())).anyMatch(g -> g.hasRole(role));
                if (group.hasRole(role) && !heldBefore) {
                    names.add(role.getName());
                }
            }
            if (!names.isEmpty()) {
                payload.put(Trigger.GROUP, Subjects.oneLine(path(group), 200));
            }
        }
        return names.stream().distinct().collect(Collectors.joining(", "));
    }

    /** Every group of the realm, subgroups included, whatever the group provider returns as top level. */
    static Stream<GroupModel> allGroups(RealmModel realm) {
        return realm.getTopLevelGroupsStream().flatMap(PrivilegedGrants::withSubGroups);
    }

    private static Stream<GroupModel> withSubGroups(GroupModel group) {
        return Stream.concat(Stream.of(group), group.getSubGroupsStream().flatMap(PrivilegedGrants::withSubGroups));
    }

    private static String path(GroupModel group) {
        String path = "/" + group.getName();
        for (GroupModel parent = group.getParent(); parent != null; parent = parent.getParent()) {
            path = "/" + parent.getName() + path;
        }
        return path;
    }
}
