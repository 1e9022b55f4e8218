package io.kse.keycloak.it.apikey;

import static io.kse.keycloak.it.apikey.ApiKeyFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The failure limit at the token grant with the default options (10 wrong secrets per key and address in 5 minutes).
 * Every request here comes from 127.0.0.1, so the per-address limit (100) and other addresses are covered by the unit
 * tests of the limiter, not here.
 */
@KeycloakIntegrationTest
class ApiKeyRateLimitIT {

    private static final int LIMIT_PER_KEY = 10;

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
    void afterTenWrongSecretsThatKeyIsRefusedLikeAnUnknownOneUntilTheWindowEnds() {
        String user = keys.newUser("developer");
        String key = keys.createKey(user, "{\"label\":\"guessed\"}").get("key").asText();
        String other = keys.createKey(user, "{\"label\":\"other\"}").get("key").asText();
        String keyId = ApiKeyFixture.keyId(key);
        String wrong = ApiKeyFixture.forge(keyId, new StringBuilder(ApiKeyFixture.secret(key)).reverse().toString());

        for (int i = 0; i < LIMIT_PER_KEY; i++) {
            assertRefused(keys.exchange(wrong));
        }
        assertThat(keys.refusalReasons(keyId)).containsExactlyElementsOf(Collections.nCopies(LIMIT_PER_KEY, "wrong_secret"));

        ApiKeyHttp.Reply limited = keys.exchange(wrong);
        ApiKeyHttp.Reply rightSecret = keys.exchange(key);
        ApiKeyHttp.Reply unknown = keys.exchange(ApiKeyFixture.forge("unknownKey01", "0".repeat(32)));
        assertRefused(limited);
        assertRefused(rightSecret);
        assertThat(limited.body()).as("no oracle: the same answer as an unknown key").isEqualTo(unknown.body());
        assertThat(rightSecret.body()).isEqualTo(unknown.body());
        assertThat(keys.refusalReasons(keyId)).filteredOn("rate_limited"::equals).hasSize(2);

        assertThat(keys.exchange(other).status()).as("another key from the same address").isEqualTo(200);

        timeOffSet.set(Duration.ofMinutes(6));
        assertThat(keys.exchange(key).status()).as("the next window").isEqualTo(200);
    }

    @Test
    void unknownAndRevokedKeysDoNotCountAgainstAKeyId() {
        String user = keys.newUser("developer");
        String key = keys.createKey(user).get("key").asText();
        String keyId = ApiKeyFixture.keyId(key);
        for (int i = 0; i < LIMIT_PER_KEY + 1; i++) {
            assertRefused(keys.exchange(ApiKeyFixture.forge("unknownKey02", String.format("%032d", i))));
        }
        assertThat(keys.exchange(key).status()).isEqualTo(200);
        assertThat(keys.refusalReasons(keyId)).doesNotContain("rate_limited");
    }
}
