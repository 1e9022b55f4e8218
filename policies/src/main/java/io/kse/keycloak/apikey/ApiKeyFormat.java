package io.kse.keycloak.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The key format, in the spirit of GitHub's {@code ghp_} tokens: {@value #PREFIX}, a 12-character lookup id, a
 * 32-character secret (log2(62^32) = 190 bits from SecureRandom) and a 6-character CRC32 checksum of everything before
 * it, all base62, 54 characters in total. Secret scanners match {@code kse_[0-9A-Za-z]{50}} and can confirm a hit with
 * the checksum; the parser refuses typos and garbage without touching the database.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "kse_";
    public static final int KEY_ID_LENGTH = 12;
    public static final int SECRET_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + KEY_ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

    private static final int SECRET_START = PREFIX.length() + KEY_ID_LENGTH;
    private static final int CHECKSUM_START = SECRET_START + SECRET_LENGTH;

    private final SecureRandom random;

    public ApiKeyFormat(SecureRandom random) {
        this.random = random;
    }

    /** A new key with a fresh random id and secret. */
    public ParsedApiKey generate() {
        return new ParsedApiKey(Base62.random(random, KEY_ID_LENGTH), Base62.random(random, SECRET_LENGTH));
    }

    /** The key as handed to its owner (once). */
    static String encode(String keyId, String secret) {
        String body = PREFIX + keyId + secret;
        return body + checksum(body);
    }

    /**
     * The key id and secret of a well-formed key, or empty for anything else: null, wrong length (checked first, so
     * oversized input costs nothing), wrong prefix, any character outside ASCII letters and digits (NUL, whitespace,
     * unicode look-alikes) or a wrong checksum. Pure: no I/O.
     */
    public static Optional<ParsedApiKey> parse(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return Optional.empty();
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (!Base62.isDigit(candidate.charAt(i))) {
                return Optional.empty();
            }
        }
        String body = candidate.substring(0, CHECKSUM_START);
        if (!checksum(body).equals(candidate.substring(CHECKSUM_START))) {
            return Optional.empty();
        }
        return Optional.of(new ParsedApiKey(candidate.substring(PREFIX.length(), SECRET_START),
                candidate.substring(SECRET_START, CHECKSUM_START)));
    }

    /** Whether {@code candidate} looks like a key id (a path segment), so other ids never reach the database. */
    public static boolean isKeyId(String candidate) {
        if (candidate == null || candidate.length() != KEY_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < KEY_ID_LENGTH; i++) {
            if (!Base62.isDigit(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.fixedWidth(crc.getValue(), CHECKSUM_LENGTH);
    }
}
