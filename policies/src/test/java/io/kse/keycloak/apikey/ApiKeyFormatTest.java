package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyFormatTest {

    private static final Pattern SCANNER_PATTERN = Pattern.compile("kse_[0-9A-Za-z]{50}");

    private final ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());

    private String validKey() {
        return format.generate().reveal();
    }

    @Nested
    class Generation {

        @Test
        void keysMatchTheScannerPatternAndHaveTheDocumentedLength() {
            String key = validKey();

            assertThat(key).hasSize(54).startsWith("kse_");
            assertThat(SCANNER_PATTERN.matcher(key).matches()).isTrue();
        }

        @Test
        void theSecretCarriesAtLeast160Bits() {
            double bits = ApiKeyFormat.SECRET_LENGTH * Math.log(62) / Math.log(2);

            assertThat(bits).isGreaterThanOrEqualTo(160.0);
        }

        @Test
        void everyGeneratedKeyParsesBackToItsIdAndSecret() {
            ParsedApiKey generated = format.generate();

            ParsedApiKey parsed = ApiKeyFormat.parse(generated.reveal()).orElseThrow();

            assertThat(parsed.keyId()).isEqualTo(generated.keyId());
            assertThat(parsed.secret()).isEqualTo(generated.secret());
        }

        @Test
        void idsAndSecretsDoNotRepeat() {
            Set<String> ids = new HashSet<>();
            Set<String> secrets = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                ParsedApiKey key = format.generate();
                ids.add(key.keyId());
                secrets.add(key.secret());
            }

            assertThat(ids).hasSize(2000);
            assertThat(secrets).hasSize(2000);
        }

        @Test
        void toStringNeverShowsTheSecret() {
            ParsedApiKey key = format.generate();

            assertThat(key.toString()).contains(key.keyId()).doesNotContain(key.secret());
        }
    }

    @Nested
    class Parsing {

        @Test
        void nullAndEmptyAreRefused() {
            assertThat(ApiKeyFormat.parse(null)).isEmpty();
            assertThat(ApiKeyFormat.parse("")).isEmpty();
        }

        @Test
        void oversizedInputIsRefusedByLength() {
            assertThat(ApiKeyFormat.parse(validKey() + "A")).isEmpty();
            assertThat(ApiKeyFormat.parse("kse_" + "A".repeat(1_000_000))).isEmpty();
        }

        @Test
        void truncatedKeyIsRefused() {
            String key = validKey();

            assertThat(ApiKeyFormat.parse(key.substring(0, key.length() - 1))).isEmpty();
        }

        @Test
        void wrongPrefixIsRefused() {
            String key = validKey();

            assertThat(ApiKeyFormat.parse("ksf_" + key.substring(4))).isEmpty();
            assertThat(ApiKeyFormat.parse("KSE_" + key.substring(4))).isEmpty();
        }

        @ParameterizedTest(name = "position {0}")
        @ValueSource(ints = {4, 15, 16, 30, 47, 48, 53})
        void anySingleCharacterTypoIsCaughtByTheChecksum(int position) {
            String key = validKey();
            char original = key.charAt(position);
            char typo = original == 'a' ? 'b' : 'a';

            String mistyped = key.substring(0, position) + typo + key.substring(position + 1);

            assertThat(ApiKeyFormat.parse(mistyped)).isEmpty();
        }

        @Test
        void swappedAdjacentCharactersAreCaught() {
            String key = validKey();
            int i = 20;
            while (key.charAt(i) == key.charAt(i + 1)) {
                i++;
            }
            String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);

            assertThat(ApiKeyFormat.parse(swapped)).isEmpty();
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {0x0000, 0x0009, 0x0020, 0x002D, 0x005F, 0x00E9, 0x0410, 0xFF21, 0x200B})
        void nulWhitespacePunctuationAndUnicodeAreRefused(int codePoint) {
            String key = validKey();
            String replaced = key.substring(0, 10) + (char) codePoint + key.substring(11);

            assertThat(ApiKeyFormat.parse(replaced)).isEmpty();
        }

        @Test
        void aNulInsertedIntoAValidKeyIsRefused() {
            String key = validKey();

            assertThat(ApiKeyFormat.parse(key.substring(0, 20) + '\0' + key.substring(20))).isEmpty();
            assertThat(ApiKeyFormat.parse(key + '\0')).isEmpty();
        }

        @Test
        void surroundingWhitespaceIsNotTrimmed() {
            assertThat(ApiKeyFormat.parse(" " + validKey())).isEmpty();
            assertThat(ApiKeyFormat.parse(validKey() + "\n")).isEmpty();
        }

        @Test
        void aWrongChecksumWithAValidBodyIsRefused() {
            String key = validKey();
            String body = key.substring(0, 48);

            assertThat(ApiKeyFormat.parse(body + "000000")).isEmpty();
            assertThat(ApiKeyFormat.parse(body + ApiKeyFormat.checksum(body))).isPresent();
        }
    }

    @Nested
    class KeyIds {

        @Test
        void onlyTwelveBase62CharactersAreKeyIds() {
            assertThat(ApiKeyFormat.isKeyId("abcDEF012345")).isTrue();
            assertThat(ApiKeyFormat.isKeyId("abcDEF01234")).isFalse();
            assertThat(ApiKeyFormat.isKeyId("abcDEF0123456")).isFalse();
            assertThat(ApiKeyFormat.isKeyId("abcDEF01234-")).isFalse();
            assertThat(ApiKeyFormat.isKeyId("../../etc/pa")).isFalse();
            assertThat(ApiKeyFormat.isKeyId(null)).isFalse();
        }
    }

    @Nested
    class Checksum {

        @Test
        void isTheCrc32OfTheBodyInSixBase62Digits() {
            assertThat(ApiKeyFormat.checksum("kse_")).isEqualTo(Base62.fixedWidth(crc("kse_"), 6)).hasSize(6);
        }

        @Test
        void fixedWidthEncodesTheExtremes() {
            assertThat(Base62.fixedWidth(0, 6)).isEqualTo("000000");
            assertThat(Base62.fixedWidth(61, 6)).isEqualTo("00000z");
            assertThat(Base62.fixedWidth(62, 6)).isEqualTo("000010");
            assertThat(Base62.fixedWidth(0xFFFFFFFFL, 6)).isEqualTo("4gfFC3");
        }

        private long crc(String s) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return crc.getValue();
        }
    }
}
