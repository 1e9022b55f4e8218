package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private static final String PEPPER = "0123456789abcdef0123456789abcdef-pepper";

    private final ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());

    @Test
    void hashIsHmacSha256OfIdColonSecretKeyedWithThePepper() throws Exception {
        ParsedApiKey key = new ParsedApiKey("abcdefghijkl", "S".repeat(32));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PEPPER.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("abcdefghijkl:" + "S".repeat(32)).getBytes(StandardCharsets.US_ASCII)));

        assertThat(new SecretHasher(PEPPER).hash(key)).isEqualTo(expected).hasSize(64);
    }

    @Test
    void theRightKeyMatchesAndAnyOtherDoesNot() {
        SecretHasher hasher = new SecretHasher(PEPPER);
        ParsedApiKey key = format.generate();
        String stored = hasher.hash(key);

        assertThat(hasher.matches(key, stored)).isTrue();
        assertThat(hasher.matches(format.generate(), stored)).isFalse();
        assertThat(hasher.matches(new ParsedApiKey("zzzzzzzzzzzz", key.secret()), stored)).as("same secret, other id").isFalse();
    }

    @Test
    void aDifferentPepperGivesADifferentHash() {
        ParsedApiKey key = format.generate();

        assertThat(new SecretHasher(PEPPER).hash(key)).isNotEqualTo(new SecretHasher(PEPPER + "x").hash(key));
        assertThat(new SecretHasher(PEPPER).hash(key)).isNotEqualTo(new SecretHasher(null).hash(key));
    }

    @Test
    void theHashContainsNeitherTheSecretNorTheKey() {
        ParsedApiKey key = format.generate();
        String hash = new SecretHasher(null).hash(key);

        assertThat(hash).doesNotContain(key.secret()).doesNotContain(key.reveal());
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        SecretHasher hasher = new SecretHasher(null);
        ParsedApiKey key = format.generate();

        assertThat(hasher.matches(key, null)).isFalse();
        assertThat(hasher.matches(key, "")).isFalse();
        assertThat(hasher.matches(key, "not-hex")).isFalse();
        assertThat(hasher.matches(key, hasher.hash(key).substring(2))).isFalse();
    }

    @Test
    void withoutPepperItStillWorksAndSaysSo() {
        SecretHasher hasher = new SecretHasher("  ");
        ParsedApiKey key = format.generate();

        assertThat(hasher.isPeppered()).isFalse();
        assertThat(hasher.matches(key, hasher.hash(key))).isTrue();
        assertThat(new SecretHasher(PEPPER).isPeppered()).isTrue();
    }

    @Test
    void aShortPepperIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new SecretHasher("short-pepper-value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short-pepper-value");
    }
}
