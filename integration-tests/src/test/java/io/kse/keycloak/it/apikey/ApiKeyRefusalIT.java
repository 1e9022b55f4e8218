package io.kse.keycloak.it.apikey;

import static io.kse.keycloak.it.apikey.ApiKeyFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

/** Every way a key can be wrong gets the same answer; the events say why, without the secret. */
@KeycloakIntegrationTest
class ApiKeyRefusalIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "other", config = OtherRealm.class)
    ManagedRealm otherRealm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private ApiKeyFixture keys;

    /**
     * A second realm with an app allowed to exchange keys, a client whose tokens name the self-service API as
     * audience, and a user of the same name as one in the first realm.
     */
    public static final class OtherRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            return realm.clients(ApiKeyRealm.app(ApiKeyRealm.APP), ApiKeyCallerRealm.client())
                    .users(ApiKeyRealm.user("dev"));
        }
    }

    @BeforeEach
    void fixture() {
        keys = new ApiKeyFixture(realm, urls.getBase());
    }

    @Test
    void malformedKeysAreRefusedByTheParser() {
        String valid = keys.createKey(keys.newUser("developer")).get("key").asText();
        String checksumWrong = valid.substring(0, 53) + (valid.charAt(53) == 'a' ? 'b' : 'a');
        List<String> malformed = List.of(
                "",
                "not-a-key",
                "kse_",
                valid.substring(0, 20) + "\0" + valid.substring(20),
                valid + "\0",
                valid.substring(0, 30) + "é" + valid.substring(31),
                valid.substring(0, 30) + "\u0410" + valid.substring(31),
                checksumWrong,
                "ghp_" + valid.substring(4),
                valid + "A",
                "kse_" + "A".repeat(1_000));
        int before = keys.refusalReasons(null).size();

        for (String key : malformed) {
            assertRefused(keys.exchange(key));
        }

        List<String> reasons = keys.refusalReasons(null);
        assertThat(reasons).hasSize(before + malformed.size());
        assertThat(reasons.subList(before, reasons.size())).containsOnly("malformed");
        assertThat(keys.exchange(valid).status()).as("the valid key still works").isEqualTo(200);
    }

    @Test
    void aHugeParameterIsRefusedBeforeItReachesTheGrant() {
        ApiKeyHttp.Reply huge = keys.exchange("kse_" + "A".repeat(100_000));

        // The server's form limits answer first (invalid_request); either way no token and no key lookup.
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).doesNotContain("access_token");
    }

    @Test
    void anotherUsersKeyIdWithAWrongSecretIsRefusedAndTheirKeysAreNotReachable() {
        JsonNode victim = keys.createKey("dev", "{\"label\":\"victim\"}");
        String victimId = victim.get("id").asText();
        String forged = ApiKeyFixture.forge(victimId, "A".repeat(32));

        assertRefused(keys.exchange(forged));
        assertThat(keys.refusalReasons(victimId)).contains("wrong_secret");

        assertThat(keys.revoke("dev2", victimId).status()).isEqualTo(404);
        assertThat(keys.rotate("dev2", victimId).status()).isEqualTo(404);
        assertThat(keys.list("dev2").body()).doesNotContain(victimId);
        assertThat(keys.revoke("dev2", "../../users").status()).isIn(400, 404, 405);
        assertThat(keys.exchange(victim.get("key").asText()).status()).as("untouched").isEqualTo(200);
    }

    @Test
    void aUserLockedOutByBruteForceDetectionCannotUseTheirKeysUntilUnlocked() {
        String user = keys.newUser("developer");
        JsonNode created = keys.createKey(user);
        String apiKey = created.get("key").asText();

        // The template locks an account temporarily after ten failures.
        for (int i = 0; i < 10; i++) {
            assertThat(oauth.doPasswordGrantRequest(user, "Wrong-passw0rd!").getStatusCode()).isNotEqualTo(200);
        }
        assertRefused(keys.exchange(apiKey));
        assertThat(keys.refusalReasons(created.get("id").asText())).contains("user_locked_out");

        realm.admin().attackDetection().clearBruteForceForUser(keys.id(user));
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);
    }

    @Test
    void selfServiceAcceptsOnlyTokensMeantForIt() {
        String meant = keys.userToken("dev");
        String otherClient = keys.http.login(realm.getName(), "dev");
        String otherRealmToken = keys.http.userToken(otherRealm.getName(), "dev");

        assertThat(keys.http.selfService(realm.getName(), meant, "GET", "", null).status()).isEqualTo(200);
        ApiKeyHttp.Reply wrongClient = keys.http.selfService(realm.getName(), otherClient, "POST", "", "{\"label\":\"x\"}");
        assertThat(wrongClient.status()).as(wrongClient.body()).isEqualTo(401);
        assertThat(wrongClient.field("error")).isEqualTo("invalid_token");
        assertThat(wrongClient.field("error_description")).contains("kse-api-keys");
        assertThat(keys.http.selfService(realm.getName(), otherClient, "GET", "", null).status()).isEqualTo(401);
        assertThat(keys.http.selfService(otherRealm.getName(), otherRealmToken, "GET", "", null).status())
                .as("the same token in its own realm").isEqualTo(200);
        ApiKeyHttp.Reply crossRealm = keys.http.selfService(realm.getName(), otherRealmToken, "POST", "", "{\"label\":\"x\"}");
        assertThat(crossRealm.status()).as(crossRealm.body()).isEqualTo(401);
        assertThat(keys.list("dev").body()).doesNotContain("\"label\":\"x\"");
    }

    @Test
    void aUserWithPendingRequiredActionsCannotExchangeKeysUntilTheyAreDone() {
        String user = keys.newUser("developer");
        JsonNode created = keys.createKey(user);
        String apiKey = created.get("key").asText();
        UserResource account = realm.admin().users().get(keys.id(user));

        for (String action : List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP")) {
            UserRepresentation pending = account.toRepresentation();
            pending.setRequiredActions(List.of(action));
            account.update(pending);
            assertRefused(keys.exchange(apiKey));
        }
        assertThat(keys.refusalReasons(created.get("id").asText()))
                .containsExactly("required_actions_pending", "required_actions_pending");

        UserRepresentation done = account.toRepresentation();
        done.setRequiredActions(List.of());
        account.update(done);
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);
    }

    @Test
    void aKeyOfOneRealmIsUnknownInAnother() {
        JsonNode created = keys.createKey(keys.newUser("developer"));

        ApiKeyHttp.Reply elsewhere = keys.http.exchange(otherRealm.getName(), ApiKeyRealm.APP, created.get("key").asText());

        assertRefused(elsewhere);
        assertThat(keys.exchange(created.get("key").asText()).status()).isEqualTo(200);
    }

    @Test
    void disablingAUserStopsTheirKeysAtOnceAndDeletingRemovesThem() {
        String user = keys.newUnmanagedUser("developer");
        String userId = keys.id(user);
        JsonNode created = keys.createKey(user);
        String apiKey = created.get("key").asText();
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);

        setEnabled(userId, false);
        assertRefused(keys.exchange(apiKey));
        assertThat(keys.refusalReasons(created.get("id").asText())).contains("user_disabled");

        setEnabled(userId, true);
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);

        realm.admin().users().delete(userId).close();
        assertRefused(keys.exchange(apiKey));
        assertThat(keys.refusalReasons(created.get("id").asText())).contains("unknown");
    }

    @Test
    void onlyConfidentialClientsThatOptedInMayExchangeKeys() {
        String apiKey = keys.createKey(keys.newUser("developer")).get("key").asText();
        realm.admin().clients().create(ApiKeyRealm.app("not-opted-in").removeAttributes(ApiKeyRealm.GRANT_ATTRIBUTE).build()).close();

        ApiKeyHttp.Reply refused = keys.http.exchange(realm.getName(), "not-opted-in", apiKey);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field("error")).isEqualTo("unauthorized_client");
        ApiKeyHttp.Reply wrongSecret = keys.http.exchange(realm.getName(), "no-such-client", apiKey);
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    private void setEnabled(String userId, boolean enabled) {
        UserRepresentation rep = realm.admin().users().get(userId).toRepresentation();
        rep.setEnabled(enabled);
        realm.admin().users().get(userId).update(rep);
    }
}
