package io.kse.keycloak.it.admin;

import org.keycloak.testframework.realm.GroupBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/**
 * The 24h template plus users of every role and a group that grants root. Passwords of root3 and t3 are reset by the
 * tests; nobody logs in as them, so the order of the tests does not matter.
 */
public final class RoleMatrixRealm implements RealmConfig {

    static final String PASSWORD = "Kse-matrix-Passw0rd!";
    static final String ROOTS_GROUP = "roots";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.groups(GroupBuilder.create(ROOTS_GROUP).realmRoles("root"))
                .users(
                        user("root1", "root"), user("root2", "root"), user("root3", "root"),
                        user("admin1", "admin"), user("admin2", "admin"),
                        user("bill", "billing"), user("dev", "developer"), user("mon", "monitor"),
                        user("groot").groups(ROOTS_GROUP),
                        user("t1", "developer"), user("t2", "billing"), user("t3", "developer"));
    }

    private static UserBuilder user(String username, String... roles) {
        return UserBuilder.create()
                .username(username)
                .name(username, "Matrix")
                .email(username + "@kse.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD)
                .realmRoles(roles);
    }
}
