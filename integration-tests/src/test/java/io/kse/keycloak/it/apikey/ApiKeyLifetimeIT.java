package io.kse.keycloak.it.apikey;

import static io.kse.keycloak.it.apikey.ApiKeyFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

/** Expiry and rotation against the server's clock, moved with a time offset; checked at use time, not by a job. */
@KeycloakIntegrationTest
class ApiKeyLifetimeIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private ApiKeyFixture keys;

    @BeforeEach
    void fixture() {
        keys = new ApiKeyFixture(realm, urls.getBase());
    }

    @Test
    void aDefaultKeyIsValidOnDay89AndRefusedOnDay91() {
        String user = keys.newUser("developer");
        JsonNode created = keys.createKey(user);
        String apiKey = created.get("key").asText();

        timeOffSet.set(Duration.ofDays(89));
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);

        timeOffSet.set(Duration.ofDays(91));
        assertRefused(keys.exchange(apiKey));
        assertThat(keys.refusalReasons(created.get("id").asText())).contains("expired");
        assertThat(keys.list(user).json().get(0).get("status").asText()).isEqualTo("expired");
    }

    @Test
    void aShorterLifetimeEndsEarlier() {
        String user = keys.newUser("developer");
        String apiKey = keys.createKey(user, "{\"label\":\"week\",\"expiresInDays\":7}").get("key").asText();

        timeOffSet.set(Duration.ofDays(6));
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);
        timeOffSet.set(Duration.ofDays(7).plusMinutes(1));
        assertRefused(keys.exchange(apiKey));
    }

    @Test
    void afterRotationTheOldKeyWorksForTheOverlapOnlyAndTheNewOneGoesOn() {
        String user = keys.newUser("developer");
        JsonNode old = keys.createKey(user, "{\"label\":\"rotating\",\"roles\":[\"developer\"]}");
        String oldKey = old.get("key").asText();

        ApiKeyHttp.Reply rotation = keys.rotate(user, old.get("id").asText());
        assertThat(rotation.status()).as(rotation.body()).isEqualTo(201);
        JsonNode successor = rotation.json();
        String newKey = successor.get("key").asText();
        assertThat(newKey).matches(ApiKeyFixture.KEY_PATTERN).isNotEqualTo(oldKey);
        assertThat(successor.get("rotatedFrom").asText()).isEqualTo(old.get("id").asText());
        assertThat(successor.get("label").asText()).isEqualTo("rotating");
        assertThat(successor.get("roles").get(0).asText()).isEqualTo("developer");
        assertThat(keys.rotate(user, old.get("id").asText()).status()).as("rotated once only").isEqualTo(409);

        assertThat(keys.exchange(oldKey).status()).isEqualTo(200);
        assertThat(keys.exchange(newKey).status()).isEqualTo(200);

        timeOffSet.set(Duration.ofHours(23));
        assertThat(keys.exchange(oldKey).status()).as("within the 24 h overlap").isEqualTo(200);

        timeOffSet.set(Duration.ofHours(25));
        assertRefused(keys.exchange(oldKey));
        assertThat(keys.exchange(newKey).status()).isEqualTo(200);
        assertThat(keys.refusalReasons(old.get("id").asText())).contains("expired");
    }

    @Test
    void rotationMayShortenTheOverlap() {
        String user = keys.newUser("developer");
        JsonNode old = keys.createKey(user);
        String token = keys.userToken(user);

        ApiKeyHttp.Reply rotation = keys.http.selfService(realm.getName(), token, "POST",
                "/" + old.get("id").asText() + "/rotate", "{\"overlapHours\":0}");

        assertThat(rotation.status()).as(rotation.body()).isEqualTo(201);
        assertRefused(keys.exchange(old.get("key").asText()));
        assertThat(keys.exchange(rotation.field("key")).status()).isEqualTo(200);
    }
}
