package io.kse.keycloak.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * API-key attacks the API-key tests do not make: creating keys on a second factor that is no longer recent, using the
 * self-service API with a token of another realm, and telling unknown key ids from existing ones by the answer or its
 * timing. (The equal work behind the answers, one read and one HMAC of the same size, is proven in process by policies' ApiKeyVerifyWorkTest.)
 */
@KeycloakIntegrationTest
class ApiKeyAttackIT {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String GRANT = "urn:kse:params:oauth:grant-type:api-key";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = AttackRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @InjectAdminClient
    Keycloak admin;

    @Test
    void aSecondFactorOlderThanFiveMinutesCannotCreateOrRotateKeys() {
        Http http = new Http(urls.getBase());
        // A client the self-service API accepts (audience kse-api-keys); its tokens carry acr and auth_time, which the
        // step-up check reads.
        Http.Reply login = http.login(realm.getName(), ApiKeyCallerRealm.CLIENT, "admin.attacker", AttackRealm.PASSWORD,
                AttackRealm.otp("admin.attacker"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Http.Reply created = selfService(http, login.field("access_token"), "POST", "", "{\"label\":\"fresh\"}");
        assertThat(created.status()).as("right after the second factor: %s", created.body()).isEqualTo(201);

        timeOffSet.set(Duration.ofMinutes(6));
        Http.Reply refreshed = http.refresh(realm.getName(), ApiKeyCallerRealm.CLIENT, login.field("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String stale = refreshed.field("access_token");

        Http.Reply create = selfService(http, stale, "POST", "", "{\"label\":\"stale\"}");
        Http.Reply rotate = selfService(http, stale, "POST", "/" + created.field("id") + "/rotate", null);

        for (Http.Reply refused : List.of(create, rotate)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.field("error")).isEqualTo("step_up_required");
        }
        assertThat(selfService(http, stale, "GET", "", null).json()).as("only the first key exists").hasSize(1);
    }

    @Test
    void aTokenOfAnotherRealmOrAServiceAccountIsRefusedBySelfService() {
        Http http = new Http(urls.getBase());
        String masterToken = admin.tokenManager().getAccessTokenString();

        Http.Reply foreign = selfService(http, masterToken, "POST", "", "{\"label\":\"foreign\"}");

        assertThat(foreign.status()).as(foreign.body()).isEqualTo(401);
        assertThat(foreign.field("error")).isEqualTo("unauthorized");
        // The master realm's own admin token is not meant for the key API either (no kse-api-keys audience).
        assertThat(http.send("GET", "/realms/master/kse-api-keys", Http.bearer(masterToken), null, null).status())
                .as("the master realm's own service account").isEqualTo(401);
    }

    /**
     * The answer to an unknown key id and to a wrong secret for an existing one is byte for byte the same. Response
     * times are not asserted here (wall-clock bounds flake on a shared machine); equal work is proven in process by
     * ApiKeyVerifyWorkTest. Stays below the failure limit per address (100 per window).
     */
    @Test
    void unknownKeyIdsAndWrongSecretsGetTheSameAnswer() {
        Http http = new Http(urls.getBase());
        // A fresh failure-limit window, so that every sample reaches the lookup rather than the rate-limit path.
        timeOffSet.set(Duration.ofMinutes(15));
        String token = http.selfServiceToken(realm.getName(), "dev.attacker", AttackRealm.PASSWORD, null);
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Http.Reply created = selfService(http, token, "POST", "", "{\"label\":\"timing " + i + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            keyIds.add(created.field("id"));
        }
        SecureRandom random = new SecureRandom();
        String firstBody = null;
        for (int i = 0; i < 20; i++) {
            Http.Reply unknownReply = exchange(http, forge(randomBase62(random, 12), randomBase62(random, 32)));
            Http.Reply wrongReply = exchange(http, forge(keyIds.get(i % keyIds.size()), randomBase62(random, 32)));
            assertThat(unknownReply.status()).isEqualTo(400);
            assertThat(wrongReply.status()).isEqualTo(400);
            assertThat(unknownReply.body()).as("no oracle in the answer").isEqualTo(wrongReply.body());
            firstBody = firstBody == null ? unknownReply.body() : firstBody;
            assertThat(unknownReply.body()).isEqualTo(firstBody);
        }
        assertThat(firstBody).contains("\"error\":\"invalid_grant\"", "Invalid API key");
    }

    private Http.Reply selfService(Http http, String token, String method, String path, String json) {
        return http.send(method, "/realms/" + realm.getName() + "/kse-api-keys" + path, Http.bearer(token),
                json == null ? null : "application/json", json);
    }

    private Http.Reply exchange(Http http, String apiKey) {
        return http.form("/realms/" + realm.getName() + "/protocol/openid-connect/token",
                Http.basic(AttackRealm.APP, AttackRealm.APP_SECRET), Map.of("grant_type", GRANT, "api_key", apiKey));
    }

    private static String randomBase62(SecureRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return out.toString();
    }

    /** A well-formed key (valid checksum): it passes the parser and reaches the lookup. */
    static String forge(String keyId, String secret) {
        String body = "kse_" + keyId + secret;
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] checksum = new char[6];
        for (int i = 5; i >= 0; i--) {
            checksum[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return body + new String(checksum);
    }
}
