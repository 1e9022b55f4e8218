package io.kse.keycloak.it.apikey;

import static io.kse.keycloak.it.apikey.ApiKeyFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * Root and Admin see and revoke the realm's keys through {@code /admin/realms/{realm}/kse-api-keys}; an Admin neither
 * sees nor touches a Root's keys (the template's permissions and the kse-admin-guard policy decide).
 */
@KeycloakIntegrationTest
class ApiKeyAdminIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private ApiKeyFixture keys;

    @BeforeEach
    void fixture() {
        keys = new ApiKeyFixture(realm, urls.getBase());
    }

    @Test
    void mfaUsersCreateKeysRightAfterTheirSecondFactor() {
        JsonNode rootKey = keys.createKey("root1", "{\"label\":\"root automation\"}");

        assertThat(keys.exchange(rootKey.get("key").asText()).status()).isEqualTo(200);
    }

    @Test
    void adminSeesAndRevokesOrdinaryKeysButNotARootsKeys() {
        String rootKeyId = keys.createKey("root1", "{\"label\":\"root key\"}").get("id").asText();
        String user = keys.newUser("developer");
        JsonNode userKey = keys.createKey(user, "{\"label\":\"dev key\"}");
        String userKeyId = userKey.get("id").asText();

        ApiKeyHttp.Reply adminList = keys.http.admin(realm.getName(), token("admin1"), "GET", "");
        assertThat(adminList.status()).as(adminList.body()).isEqualTo(200);
        assertThat(ids(adminList)).contains(userKeyId).doesNotContain(rootKeyId);
        assertThat(adminList.body()).doesNotContain(userKey.get("key").asText());
        JsonNode listed = find(adminList, userKeyId);
        assertThat(listed.get("username").asText()).isEqualTo(user);
        assertThat(listed.get("label").asText()).isEqualTo("dev key");

        ApiKeyHttp.Reply filtered = keys.http.admin(realm.getName(), token("admin1"), "GET", "?user=" + keys.id(user) + "&status=active");
        assertThat(ids(filtered)).containsExactly(userKeyId);
        assertThat(ids(keys.http.admin(realm.getName(), token("admin1"), "GET", "?user=" + keys.id("root1")))).isEmpty();

        assertThat(keys.http.admin(realm.getName(), token("admin1"), "DELETE", "/" + rootKeyId).status()).isEqualTo(404);
        assertThat(keys.http.admin(realm.getName(), token("admin1"), "DELETE", "/users/" + keys.id("root1")).status()).isEqualTo(404);
        assertThat(keys.http.admin(realm.getName(), token("admin1"), "DELETE", "/" + userKeyId).status()).isEqualTo(204);

        assertRefused(keys.exchange(userKey.get("key").asText()));
        assertThat(ids(keys.http.admin(realm.getName(), token("root2"), "GET", ""))).contains(rootKeyId, userKeyId);
        assertThat(keys.http.admin(realm.getName(), token("root2"), "DELETE", "/" + rootKeyId).status()).isEqualTo(204);
    }

    @Test
    void revokingAllOfOneUsersKeysStopsEveryOne() {
        String user = keys.newUser("developer");
        List<String> apiKeys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            apiKeys.add(keys.createKey(user, "{\"label\":\"bulk " + i + "\"}").get("key").asText());
        }

        ApiKeyHttp.Reply revoked = keys.http.admin(realm.getName(), token("admin1"), "DELETE", "/users/" + keys.id(user));

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revoked").asInt()).isEqualTo(3);
        apiKeys.forEach(apiKey -> assertRefused(keys.exchange(apiKey)));
    }

    @Test
    void usersWithoutUserViewingRightsGetNothing() {
        assertThat(keys.http.admin(realm.getName(), token("dev2"), "GET", "").status()).isEqualTo(403);
        ApiKeyHttp.Reply monitor = keys.http.admin(realm.getName(), token("dev"), "GET", "");
        assertThat(monitor.status()).as("monitor views users but manages nobody").isEqualTo(200);
        assertThat(monitor.json()).isEmpty();
        assertThat(keys.http.admin(realm.getName(), null, "GET", "").status()).isEqualTo(401);
    }

    private String token(String username) {
        return keys.http.login(realm.getName(), username);
    }

    private static List<String> ids(ApiKeyHttp.Reply list) {
        List<String> ids = new ArrayList<>();
        list.json().forEach(key -> ids.add(key.get("id").asText()));
        return ids;
    }

    private static JsonNode find(ApiKeyHttp.Reply list, String keyId) {
        for (JsonNode key : list.json()) {
            if (key.get("id").asText().equals(keyId)) {
                return key;
            }
        }
        throw new AssertionError("key " + keyId + " not listed");
    }
}
