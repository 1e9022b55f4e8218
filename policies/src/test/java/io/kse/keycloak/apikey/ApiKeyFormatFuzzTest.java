package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the key parser with Jazzer: fuzzed for 20 s in every build ({@code kse.fuzz}), otherwise a
 * regression test over the inputs found so far. Any string: no exception, and whatever parses is a canonical key.
 */
class ApiKeyFormatFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parseNeverThrowsAndAcceptsOnlyCanonicalKeys(FuzzedDataProvider data) {
        String candidate = data.consumeRemainingAsString();

        Optional<ParsedApiKey> parsed = ApiKeyFormat.parse(candidate);
        boolean keyId = ApiKeyFormat.isKeyId(candidate);

        if (parsed.isPresent()) {
            assertThat(candidate).matches("kse_[0-9A-Za-z]{50}");
            assertThat(parsed.get().reveal()).isEqualTo(candidate);
            assertThat(parsed.get().keyId()).isEqualTo(candidate.substring(4, 16));
            assertThat(parsed.get().toString()).doesNotContain(parsed.get().secret());
        }
        if (keyId) {
            assertThat(candidate).matches("[0-9A-Za-z]{12}");
        }
    }
}
