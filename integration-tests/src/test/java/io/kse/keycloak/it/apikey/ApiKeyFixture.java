package io.kse.keycloak.it.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** What every API-key test does: fresh users, keys created over REST, exchanges, and the realm's stored events. */
final class ApiKeyFixture {

    static final String KEY_PATTERN = "kse_[0-9A-Za-z]{50}";
    static final String GENERIC_DESCRIPTION = "Invalid API key";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final AtomicInteger USERS = new AtomicInteger();

    final ManagedRealm realm;
    final ApiKeyHttp http;

    ApiKeyFixture(ManagedRealm realm, String baseUrl) {
        this.realm = realm;
        this.http = new ApiKeyHttp(baseUrl);
    }

    /** A new user holding the realm roles (removed after the test); returns the username. */
    String newUser(String... roles) {
        String username = "key-user-" + USERS.incrementAndGet();
        realm.addUser(ApiKeyRealm.user(username));
        grant(username, roles);
        return username;
    }

    /** A new user with an authenticator app (secret {@link ApiKeyRealm#TOTP_SECRET}), removed after the test. */
    String newOtpUser(String... roles) {
        String username = "key-user-" + USERS.incrementAndGet();
        realm.addUser(ApiKeyRealm.user(username).totpSecret(ApiKeyRealm.TOTP_SECRET));
        grant(username, roles);
        return username;
    }

    /** A new user the test may delete itself (no cleanup afterwards). */
    String newUnmanagedUser(String... roles) {
        String username = "key-user-" + USERS.incrementAndGet();
        realm.admin().users().create(ApiKeyRealm.user(username).build()).close();
        grant(username, roles);
        return username;
    }

    // The admin API ignores role mappings in a created representation: map them separately.
    private void grant(String username, String... roles) {
        List<RoleRepresentation> mapped = new ArrayList<>();
        for (String role : roles) {
            mapped.add(realm.admin().roles().get(role).toRepresentation());
        }
        realm.admin().users().get(id(username)).roles().realmLevel().add(mapped);
    }

    /**
     * A fresh access token for the self-service API (a new session each time, so clock changes never leave it stale);
     * MFA users send their one-time code, which makes it a recent second factor.
     */
    String userToken(String username) {
        return http.userToken(realm.getName(), username);
    }

    String id(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    ApiKeyHttp.Reply create(String username, String json) {
        return http.selfService(realm.getName(), userToken(username), "POST", "", json);
    }

    /** Creates a key and returns the one response that shows it. */
    JsonNode createKey(String username, String json) {
        ApiKeyHttp.Reply reply = create(username, json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    JsonNode createKey(String username) {
        return createKey(username, "{\"label\":\"test key\"}");
    }

    ApiKeyHttp.Reply list(String username) {
        return http.selfService(realm.getName(), userToken(username), "GET", "", null);
    }

    ApiKeyHttp.Reply rotate(String username, String keyId) {
        return http.selfService(realm.getName(), userToken(username), "POST", "/" + keyId + "/rotate", null);
    }

    ApiKeyHttp.Reply revoke(String username, String keyId) {
        return http.selfService(realm.getName(), userToken(username), "DELETE", "/" + keyId, null);
    }

    ApiKeyHttp.Reply exchange(String apiKey) {
        return http.exchange(realm.getName(), ApiKeyRealm.APP, apiKey);
    }

    /** Asserts the one generic refusal every bad key gets, whatever the reason. */
    static void assertRefused(ApiKeyHttp.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("invalid_grant");
        assertThat(reply.field("error_description")).isEqualTo(GENERIC_DESCRIPTION);
    }

    List<EventRepresentation> events(String type) {
        return realm.admin().getEvents(List.of(type), null, null, null, null, null, 0, 1000);
    }

    /** The refusal reasons recorded for one key id (or for unparseable keys when {@code keyId} is null). */
    List<String> refusalReasons(String keyId) {
        return events("OAUTH2_EXTENSION_GRANT_ERROR").stream()
                .filter(e -> e.getDetails() != null)
                .filter(e -> keyId == null ? !e.getDetails().containsKey("kse_api_key_id")
                        : keyId.equals(e.getDetails().get("kse_api_key_id")))
                .map(e -> e.getDetails().get("reason"))
                .toList();
    }

    /** A well-formed key (valid checksum) with the given id and secret: passes the parser, fails the hash. */
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

    static String keyId(String apiKey) {
        return apiKey.substring(4, 16);
    }

    static String secret(String apiKey) {
        return apiKey.substring(16, 48);
    }
}
