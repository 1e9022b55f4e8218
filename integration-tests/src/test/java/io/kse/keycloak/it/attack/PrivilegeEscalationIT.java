package io.kse.keycloak.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * Escalation through the bundle's own admin endpoints (RoleMatrixIT covers Keycloak's): a Developer, a Monitor and an
 * Admin of the realm calling what needs more rights than they hold, and a realm's Admin reaching into another realm.
 */
@KeycloakIntegrationTest
class PrivilegeEscalationIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = AttackRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void aDeveloperCallingTheBundlesAdminEndpointsIsRefused() {
        Http http = new Http(urls.getBase());
        String developer = Http.bearer(http.token(realm.getName(), "dev.attacker", AttackRealm.PASSWORD, null));
        String admin = "/admin/realms/" + realm.getName();

        for (String[] call : List.of(
                new String[] {"GET", admin + "/kse-notifications?status=SENT"},
                new String[] {"GET", admin + "/kse-notifications/some-id"},
                new String[] {"GET", admin + "/kse-api-keys"},
                new String[] {"DELETE", admin + "/kse-api-keys/users/" + id("admin.attacker")},
                new String[] {"POST", admin + "/kse-api-keys/maintenance"})) {
            assertThat(http.send(call[0], call[1], developer, null, null).status()).as("%s %s", call[0], call[1]).isEqualTo(403);
        }
        assertThat(http.send("GET", admin + "/kse-api-keys", null, null, null).status()).as("no token").isEqualTo(401);
    }

    @Test
    void monitorAndAdminCannotRunTheMaintenancePassWhichNeedsManageRealm() {
        Http http = new Http(urls.getBase());
        String monitor = Http.bearer(http.token(realm.getName(), "mon.attacker", AttackRealm.PASSWORD, null));
        String admin = Http.bearer(http.token(realm.getName(), "admin.attacker", AttackRealm.PASSWORD,
                AttackRealm.otp("admin.attacker")));
        String maintenance = "/admin/realms/" + realm.getName() + "/kse-api-keys/maintenance";

        assertThat(http.send("POST", maintenance, monitor, null, null).status()).isEqualTo(403);
        assertThat(http.send("POST", maintenance, admin, null, null).status()).isEqualTo(403);
        assertThat(http.send("DELETE", "/admin/realms/" + realm.getName() + "/kse-api-keys/users/" + id("dev.attacker"),
                monitor, null, null).status()).as("monitor manages nobody").isIn(403, 404);
    }

    @Test
    void aRealmsAdminCannotReachIntoTheMasterRealm() {
        Http http = new Http(urls.getBase());
        String admin = Http.bearer(http.token(realm.getName(), "admin.other", AttackRealm.PASSWORD,
                AttackRealm.otp("admin.other")));

        for (String path : List.of("/admin/realms/master/kse-api-keys", "/admin/realms/master/kse-notifications?status=SENT",
                "/admin/realms/master/users")) {
            assertThat(http.send("GET", path, admin, null, null).status()).as(path).isIn(401, 403);
        }
    }

    private String id(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }
}
