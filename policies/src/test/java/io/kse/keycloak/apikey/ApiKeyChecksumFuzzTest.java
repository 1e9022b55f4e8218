package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer (see {@link ApiKeyFormatFuzzTest}): a valid key with one character replaced never parses. A CRC detects
 * every error confined to 32 consecutive bits, so every single-character typo is caught without a database read.
 */
class ApiKeyChecksumFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void aSingleCharacterChangeNeverYieldsAnotherValidKey(FuzzedDataProvider data) {
        String key = ApiKeyFormat.encode(base62(data, ApiKeyFormat.KEY_ID_LENGTH), base62(data, ApiKeyFormat.SECRET_LENGTH));
        int position = data.consumeInt(0, key.length() - 1);
        char replacement = data.consumeChar();
        String mutated = key.substring(0, position) + replacement + key.substring(position + 1);

        assertThat(ApiKeyFormat.parse(key)).isPresent();
        if (!mutated.equals(key)) {
            assertThat(ApiKeyFormat.parse(mutated)).as("typo at %d", position).isEmpty();
        }
    }

    private static String base62(FuzzedDataProvider data, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = Base62.ALPHABET.charAt(data.consumeInt(0, Base62.ALPHABET.length() - 1));
        }
        return new String(out);
    }
}
