package io.kse.keycloak.it.apikey;

import static io.kse.keycloak.it.apikey.ApiKeyFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.util.JsonSerialization;

/** A key's life over REST: created once, exchanged for a verified token, listed without secret, revoked. */
@KeycloakIntegrationTest
class ApiKeyLifecycleIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyRealm.class)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private ApiKeyFixture keys;

    @BeforeEach
    void fixture() {
        keys = new ApiKeyFixture(realm, urls.getBase());
    }

    @Test
    void createdKeyIsShownOnceAndExchangesForAVerifiedTokenWithTheKeysRolesOnly() throws Exception {
        ApiKeyHttp.Reply created = keys.create("dev", "{\"label\":\"ci pipeline\",\"roles\":[\"developer\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        String apiKey = created.field("key");
        String keyId = created.field("id");
        assertThat(apiKey).matches(ApiKeyFixture.KEY_PATTERN);
        assertThat(ApiKeyFixture.keyId(apiKey)).isEqualTo(keyId);
        assertThat(created.json().get("expiresAt").asLong() - created.json().get("createdAt").asLong())
                .isEqualTo(90L * 24 * 3600 * 1000);

        ApiKeyHttp.Reply exchanged = keys.exchange(apiKey);
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        assertThat(exchanged.json().has("refresh_token")).isFalse();
        String accessToken = exchanged.field("access_token");

        AccessToken token = oauth.verifyToken(accessToken);
        assertThat(token.getSubject()).isEqualTo(keys.id("dev"));
        assertThat(token.getPreferredUsername()).isEqualTo("dev");
        assertThat(token.getIssuedFor()).isEqualTo(ApiKeyRealm.APP);
        assertThat(token.getOtherClaims()).containsEntry("kse_auth", "api-key").containsEntry("kse_api_key_id", keyId);
        assertThat(token.getRealmAccess().getRoles()).containsExactly("developer");
        assertThat(token.getResourceAccess()).isNullOrEmpty();
        assertThat(token.getExp() - token.getIat()).isLessThanOrEqualTo(3600);

        ApiKeyHttp.Reply introspection = keys.http.introspect(realm.getName(), ApiKeyRealm.RESOURCE, accessToken);
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.json().get("active").asBoolean()).as(introspection.body()).isTrue();
        assertThat(introspection.field("sub")).isEqualTo(keys.id("dev"));
        assertThat(introspection.field("kse_auth")).as(introspection.body()).isEqualTo("api-key");
        assertThat(introspection.field("kse_api_key_id")).isEqualTo(keyId);
        assertThat(introspection.field("client_id")).isEqualTo(ApiKeyRealm.APP);
        assertThat(introspection.json().get("realm_access").get("roles")).hasSize(1);
        assertThat(introspection.json().get("realm_access").get("roles").get(0).asText()).isEqualTo("developer");

        assertThat(keys.events("UPDATE_CREDENTIAL")).anySatisfy(event -> assertThat(event.getDetails())
                .containsEntry("kse_api_key_id", keyId)
                .containsEntry("kse_api_key_label", "ci pipeline")
                .containsEntry("kse_api_key_action", "create")
                .containsEntry("credential_type", "api-key"));
        assertThat(keys.events("OAUTH2_EXTENSION_GRANT")).anySatisfy(event -> {
            assertThat(event.getUserId()).isEqualTo(keys.id("dev"));
            assertThat(event.getDetails()).containsEntry("kse_api_key_id", keyId);
        });
    }

    @Test
    void withoutARoleRestrictionTheTokenCarriesTheUsersRealmRoles() {
        JsonNode created = keys.createKey("dev");

        AccessToken token = oauth.verifyToken(keys.exchange(created.get("key").asText()).field("access_token"));

        assertThat(created.get("roles") == null || created.get("roles").isNull()).as("no restriction").isTrue();
        assertThat(token.getRealmAccess().getRoles()).contains("developer", "monitor");
    }

    @Test
    void aKeyRestrictedToScopesMayRequestOnlyThose() {
        String apiKey = keys.createKey(keys.newUser("developer"), "{\"label\":\"scoped\",\"scopes\":[\"email\"]}")
                .get("key").asText();

        ApiKeyHttp.Reply allowed = keys.http.exchange(realm.getName(), ApiKeyRealm.APP, apiKey, "email");
        ApiKeyHttp.Reply other = keys.http.exchange(realm.getName(), ApiKeyRealm.APP, apiKey, "profile");

        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.field("error")).isEqualTo("invalid_scope");
    }

    @Test
    void listShowsMetadataAndLastUseButNeverTheKey() {
        String user = keys.newUser("developer");
        JsonNode created = keys.createKey(user, "{\"label\":\"listed\"}");
        String apiKey = created.get("key").asText();
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);

        ApiKeyHttp.Reply list = keys.list(user);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(apiKey).doesNotContain(ApiKeyFixture.secret(apiKey));
        JsonNode listed = list.json().get(0);
        assertThat(list.json()).hasSize(1);
        assertThat(listed.has("key")).isFalse();
        assertThat(listed.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(listed.get("label").asText()).isEqualTo("listed");
        assertThat(listed.get("status").asText()).isEqualTo("active");
        assertThat(listed.get("lastUsedAt").isNumber()).isTrue();
        assertThat(listed.get("lastUsedIp").asText()).isNotBlank();
    }

    @Test
    void revokedKeyIsRefusedWithTheSameAnswerAsAnUnknownKey() {
        String user = keys.newUser("developer");
        JsonNode created = keys.createKey(user);
        String apiKey = created.get("key").asText();
        String keyId = created.get("id").asText();
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);

        assertThat(keys.revoke(user, keyId).status()).isEqualTo(204);
        ApiKeyHttp.Reply revoked = keys.exchange(apiKey);
        ApiKeyHttp.Reply unknown = keys.exchange(ApiKeyFixture.forge("unknownKeyId", "x".repeat(32)));

        assertRefused(revoked);
        assertRefused(unknown);
        assertThat(revoked.body()).isEqualTo(unknown.body());
        assertThat(keys.list(user).json().get(0).get("status").asText()).isEqualTo("revoked");
        assertThat(keys.refusalReasons(keyId)).contains("revoked");
        assertThat(keys.events("REMOVE_CREDENTIAL")).anySatisfy(event -> assertThat(event.getDetails())
                .containsEntry("kse_api_key_id", keyId)
                .containsEntry("kse_api_key_action", "revoke"));
    }

    @Test
    void creationChecksRolesLifetimeLabelAndTheLimitPerUser() {
        String user = keys.newUser("developer");

        assertThat(keys.create(user, "{\"label\":\"x\",\"roles\":[\"root\"]}").status()).as("role not held").isEqualTo(400);
        assertThat(keys.create(user, "{\"label\":\"x\",\"roles\":[\"no-such-role\"]}").status()).isEqualTo(400);
        assertThat(keys.create(user, "{\"label\":\"x\",\"scopes\":[\"no-such-scope\"]}").status()).isEqualTo(400);
        assertThat(keys.create(user, "{\"label\":\"x\",\"expiresInDays\":91}").status()).as("above 90 days").isEqualTo(400);
        assertThat(keys.create(user, "{\"label\":\"x\",\"expiresInDays\":0}").status()).isEqualTo(400);
        assertThat(keys.create(user, "{\"label\":\"\"}").status()).isEqualTo(400);
        assertThat(keys.create(user, "{\"label\":\"" + "l".repeat(101) + "\"}").status()).isEqualTo(400);
        assertThat(keys.create(user, "{\"label\":\"x\",\"unknown\":1}").status()).isEqualTo(400);
        assertThat(keys.create(user, "not json").status()).isEqualTo(400);

        for (int i = 0; i < 10; i++) {
            keys.createKey(user, "{\"label\":\"k" + i + "\",\"expiresInDays\":30}");
        }
        ApiKeyHttp.Reply eleventh = keys.create(user, "{\"label\":\"one too many\"}");
        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.field("error")).isEqualTo("too_many_keys");
    }

    @Test
    void selfServiceNeedsABearerTokenThatWasNotObtainedWithAKey() {
        String user = keys.newUser("developer");
        String apiKey = keys.createKey(user).get("key").asText();
        String keyToken = keys.exchange(apiKey).field("access_token");

        assertThat(keys.http.selfService(realm.getName(), null, "GET", "", null).status()).isEqualTo(401);
        assertThat(keys.http.selfService(realm.getName(), "not-a-token", "GET", "", null).status()).isEqualTo(401);
        assertThat(keys.http.selfService(realm.getName(), apiKey, "GET", "", null).status()).as("the key itself").isEqualTo(401);
        ApiKeyHttp.Reply withKeyToken = keys.http.selfService(realm.getName(), keyToken, "POST", "", "{\"label\":\"more\"}");
        assertThat(withKeyToken.status()).isEqualTo(403);
    }

    @Test
    void noEventInTheStoreContainsAKeyOrSecret() throws Exception {
        String user = keys.newUser("developer");
        List<String> plaintexts = new ArrayList<>();
        JsonNode created = keys.createKey(user);
        plaintexts.add(created.get("key").asText());
        keys.exchange(created.get("key").asText());
        JsonNode rotated = keys.rotate(user, created.get("id").asText()).json();
        plaintexts.add(rotated.get("key").asText());
        keys.exchange(rotated.get("key").asText());
        keys.exchange(ApiKeyFixture.forge(created.get("id").asText(), "w".repeat(32)));
        keys.revoke(user, rotated.get("id").asText());

        String allEvents = JsonSerialization.writeValueAsString(realm.admin().getEvents(null, null, null, null, null, null, 0, 5000));

        assertThat(allEvents).contains(created.get("id").asText());
        for (String plaintext : plaintexts) {
            assertThat(allEvents).doesNotContain(plaintext).doesNotContain(ApiKeyFixture.secret(plaintext));
        }
        assertThat(allEvents).doesNotContain("w".repeat(32));
    }
}
