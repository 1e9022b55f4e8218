package io.kse.keycloak.it.admin;

import static io.kse.keycloak.it.admin.RoleMatrixRealm.PASSWORD;
import static io.kse.keycloak.it.admin.RoleMatrixRealm.ROOTS_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.kse.keycloak.it.support.RealmAdminApi;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The least-privilege matrix of the realm template, proven by calling the realm's admin REST API as a user of each
 * role: billing and developer have no user management, monitor reads only, admin manages everyone but root holders and
 * the root role, nobody changes their own roles.
 */
@KeycloakIntegrationTest
class RoleMatrixIT {

    private static final AtomicInteger PASSWORD_COUNTER = new AtomicInteger();

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = RoleMatrixRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private RealmAdminApi api;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bill", "dev"})
    void billingAndDeveloperHaveNoUserManagement(String who) {
        String t1 = id("t1");
        assertThat(as(who, "GET", "/users")).isEqualTo(403);
        assertThat(as(who, "GET", "/users/" + t1)).isEqualTo(403);
        assertThat(as(who, "PUT", "/users/" + t1, "{\"firstName\":\"x\"}")).isEqualTo(403);
        assertThat(as(who, "POST", "/users", newUser(who + "-made"))).isEqualTo(403);
        assertThat(as(who, "GET", "/users/" + t1 + "/sessions")).isEqualTo(403);
        assertThat(as(who, "GET", "/events")).isEqualTo(403);
        assertThat(as(who, "GET", "/admin-events")).isEqualTo(403);
    }

    @Test
    void monitorViewsUsersSessionsAndEventsReadOnly() {
        String t1 = id("t1");
        assertThat(as("mon", "GET", "/users")).isEqualTo(200);
        assertThat(as("mon", "GET", "/users/" + t1)).isEqualTo(200);
        assertThat(as("mon", "GET", "/users/" + id("root2"))).isEqualTo(200);
        assertThat(as("mon", "GET", "/users/" + t1 + "/sessions")).isEqualTo(200);
        assertThat(as("mon", "GET", "/events")).isEqualTo(200);
        assertThat(as("mon", "GET", "/admin-events")).isEqualTo(200);

        assertThat(as("mon", "POST", "/users", newUser("mon-made"))).isEqualTo(403);
        assertThat(as("mon", "PUT", "/users/" + t1, "{\"firstName\":\"x\"}")).isEqualTo(403);
        assertThat(as("mon", "PUT", "/users/" + t1, "{\"enabled\":false}")).isEqualTo(403);
        assertThat(as("mon", "PUT", "/users/" + t1 + "/reset-password", password())).isEqualTo(403);
        assertThat(as("mon", "POST", "/users/" + t1 + "/logout")).isEqualTo(403);
        assertThat(as("mon", "DELETE", "/sessions/" + sessionOf("t1"))).isEqualTo(403);
        assertThat(as("mon", "POST", "/users/" + t1 + "/role-mappings/realm", role("billing"))).isEqualTo(403);
        assertThat(as("mon", "DELETE", "/users/" + t1)).isEqualTo(403);
        assertThat(as("mon", "DELETE", "/events")).isEqualTo(403);
        assertThat(as("mon", "DELETE", "/admin-events")).isEqualTo(403);
        assertThat(as("mon", "PUT", "/events/config", "{\"eventsEnabled\":false}")).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"root1", "admin1"})
    void rootAndAdminManageOrdinaryUsersAndTheirSessions(String who) {
        String t1 = id("t1");
        String t2 = id("t2");
        assertThat(as(who, "GET", "/users")).isEqualTo(200);
        assertThat(as(who, "GET", "/users/" + t1)).isEqualTo(200);
        assertThat(as(who, "GET", "/users/" + t1 + "/sessions")).isEqualTo(200);
        assertThat(as(who, "GET", "/events")).isEqualTo(200);
        assertThat(as(who, "PUT", "/users/" + t1, "{\"firstName\":\"changed\"}")).isEqualTo(204);
        assertThat(as(who, "PUT", "/users/" + t1, "{\"enabled\":false}")).isEqualTo(204);
        assertThat(as(who, "PUT", "/users/" + t1, "{\"enabled\":true}")).isEqualTo(204);
        assertThat(as(who, "PUT", "/users/" + id("t3") + "/reset-password", password())).isEqualTo(204);
        assertThat(as(who, "POST", "/users/" + t1 + "/logout")).isEqualTo(204);
        assertThat(as(who, "DELETE", "/sessions/" + sessionOf("t2"))).isEqualTo(204);
        for (String role : List.of("admin", "billing", "developer", "monitor")) {
            assertThat(as(who, "POST", "/users/" + t2 + "/role-mappings/realm", role(role))).as("grant " + role).isEqualTo(204);
            assertThat(as(who, "DELETE", "/users/" + t2 + "/role-mappings/realm", role(role))).as("revoke " + role).isEqualTo(204);
        }
        assertThat(as(who, "POST", "/users", newUser(who + "-made"))).isEqualTo(201);
        assertThat(as(who, "DELETE", "/users/" + id(who + "-made"))).isEqualTo(204);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"root1", "admin1"})
    void nobodyChangesTheirOwnRoles(String who) {
        String self = id(who);
        assertThat(as(who, "GET", "/users/" + self)).isEqualTo(200);
        assertThat(as(who, "POST", "/users/" + self + "/role-mappings/realm", role("billing"))).isEqualTo(403);
        assertThat(as(who, "POST", "/users/" + self + "/role-mappings/realm", role("root"))).isEqualTo(403);
        assertThat(as(who, "DELETE", "/users/" + self + "/role-mappings/realm", role(who.replace("1", "")))).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"root2", "groot"})
    void adminCannotChangeDisableResetLogOutOrDeleteARootUser(String rootUser) {
        String target = id(rootUser);
        assertThat(as("admin1", "GET", "/users/" + target)).isEqualTo(200);
        assertThat(as("admin1", "GET", "/users/" + target + "/sessions")).isEqualTo(200);
        assertThat(as("admin1", "PUT", "/users/" + target, "{\"firstName\":\"x\"}")).isEqualTo(403);
        assertThat(as("admin1", "PUT", "/users/" + target, "{\"enabled\":false}")).isEqualTo(403);
        assertThat(as("admin1", "PUT", "/users/" + target + "/reset-password", password())).isEqualTo(403);
        assertThat(as("admin1", "POST", "/users/" + target + "/logout")).isEqualTo(403);
        assertThat(as("admin1", "DELETE", "/sessions/" + sessionOf(rootUser))).isEqualTo(403);
        assertThat(as("admin1", "POST", "/users/" + target + "/role-mappings/realm", role("billing"))).isEqualTo(403);
        assertThat(as("admin1", "DELETE", "/users/" + target)).isEqualTo(403);
        assertThat(realm.admin().users().get(target).toRepresentation().isEnabled()).isTrue();
    }

    @Test
    void adminCannotResetTheMfaOfARootUserButCanOfOthers() {
        String rootOtp = otpCredentialId("root2");
        assertThat(as("admin1", "DELETE", "/users/" + id("root2") + "/credentials/" + rootOtp)).isEqualTo(403);
        assertThat(as("admin1", "PUT", "/users/" + id("root2") + "/execute-actions-email", "[\"CONFIGURE_TOTP\"]"))
                .isEqualTo(403);
        assertThat(realm.admin().users().get(id("root2")).credentials())
                .extracting(CredentialRepresentation::getId).contains(rootOtp);

        String adminOtp = otpCredentialId("admin2");
        assertThat(as("admin1", "DELETE", "/users/" + id("admin2") + "/credentials/" + adminOtp)).isEqualTo(204);
        assertThat(realm.admin().users().get(id("admin2")).credentials())
                .extracting(CredentialRepresentation::getId).doesNotContain(adminOtp);
    }

    @Test
    void adminCannotGrantOrRevokeRootNorEndEverySession() {
        assertThat(as("admin1", "POST", "/users/" + id("t1") + "/role-mappings/realm", role("root"))).isEqualTo(403);
        assertThat(as("admin1", "DELETE", "/users/" + id("root2") + "/role-mappings/realm", role("root"))).isEqualTo(403);
        assertThat(as("admin1", "POST", "/logout-all")).isEqualTo(403);
        assertThat(as("admin1", "PUT", "/users/" + id("admin2"), "{\"firstName\":\"changed\"}")).isEqualTo(204);
        assertThat(realm.admin().users().get(id("t1")).roles().realmLevel().listEffective())
                .extracting(RoleRepresentation::getName).doesNotContain("root");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"realm-admin", "manage-users", "manage-realm", "view-users"})
    void nobodyGrantsKeycloakAdminRolesThroughTheTemplatePermissions(String adminRole) {
        ClientRepresentation realmManagement = realm.admin().clients().findByClientId("realm-management").get(0);
        RoleRepresentation granted = realm.admin().clients().get(realmManagement.getId()).roles().get(adminRole).toRepresentation();
        String body = "[{\"id\":\"" + granted.getId() + "\",\"name\":\"" + adminRole + "\"}]";
        String path = "/users/" + id("t1") + "/role-mappings/clients/" + realmManagement.getId();

        assertThat(as("admin1", "POST", path, body)).isEqualTo(403);
        assertThat(as("root1", "POST", path, body)).isEqualTo(403);
        assertThat(realm.admin().users().get(id("t1")).roles().clientLevel(realmManagement.getId()).listEffective())
                .extracting(RoleRepresentation::getName).doesNotContain(adminRole);
    }

    @Test
    void rootManagesOtherRootsAndTheProtectionFollowsRootAsItIsGrantedAndRevoked() {
        String t1 = id("t1");
        assertThat(as("root1", "PUT", "/users/" + id("root2"), "{\"firstName\":\"changed\"}")).isEqualTo(204);
        assertThat(as("root1", "PUT", "/users/" + id("root3") + "/reset-password", password())).isEqualTo(204);

        assertThat(as("root1", "POST", "/users/" + t1 + "/role-mappings/realm", role("root"))).isEqualTo(204);
        assertThat(as("admin1", "PUT", "/users/" + t1, "{\"firstName\":\"x\"}")).as("t1 holds root now").isEqualTo(403);

        assertThat(as("root1", "DELETE", "/users/" + t1 + "/role-mappings/realm", role("root"))).isEqualTo(204);
        assertThat(as("admin1", "PUT", "/users/" + t1, "{\"firstName\":\"y\"}")).as("root revoked").isEqualTo(204);

        String roots = realm.admin().groups().groups(ROOTS_GROUP, 0, 1).get(0).getId();
        realm.admin().users().get(t1).joinGroup(roots);
        assertThat(as("admin1", "PUT", "/users/" + t1, "{\"firstName\":\"x\"}")).as("root through a group").isEqualTo(403);
        realm.admin().users().get(t1).leaveGroup(roots);
        assertThat(as("admin1", "PUT", "/users/" + t1, "{\"firstName\":\"z\"}")).as("group left").isEqualTo(204);
    }

    private int as(String who, String method, String path) {
        return as(who, method, path, null);
    }

    private int as(String who, String method, String path, String json) {
        if (api == null) {
            api = new RealmAdminApi(urls.getBase(), realm.getName(), RoleMatrixRealm::otp);
        }
        return api.call(who, PASSWORD, method, path, json);
    }

    private String id(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    private String otpCredentialId(String username) {
        return realm.admin().users().get(id(username)).credentials().stream()
                .filter(credential -> "otp".equals(credential.getType()))
                .findFirst().orElseThrow().getId();
    }

    private String role(String name) {
        RoleRepresentation role = realm.admin().roles().get(name).toRepresentation();
        return "[{\"id\":\"" + role.getId() + "\",\"name\":\"" + name + "\"}]";
    }

    /** Opens a fresh session for the user (password grant) and returns its id. */
    private String sessionOf(String username) {
        new RealmAdminApi(urls.getBase(), realm.getName(), RoleMatrixRealm::otp).login(username, PASSWORD);
        return realm.admin().users().get(id(username)).getUserSessions().stream()
                .max(Comparator.comparingLong(UserSessionRepresentation::getStart))
                .orElseThrow()
                .getId();
    }

    private static String newUser(String username) {
        return "{\"username\":\"" + username + "\",\"firstName\":\"New\",\"lastName\":\"User\",\"email\":\""
                + username + "@kse.test\",\"enabled\":true}";
    }

    /** A compliant password, different every time so that the five-password history never refuses it. */
    private static String password() {
        return "{\"type\":\"password\",\"value\":\"" + SecretLedger.record(Kind.PASSWORD, "Kse-reset-" + PASSWORD_COUNTER.incrementAndGet() + "-Pw!") + "\",\"temporary\":false}";
    }
}
