package io.kse.keycloak.apikey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 over key id and secret, keyed with the server-side pepper, so a copy of the database alone cannot
 * confirm a guessed key. Without a pepper the HMAC key is a public constant, which is as strong as plain SHA-256: still
 * safe, because secrets are 190 random bits (nothing to brute-force, unlike passwords), but the pepper is recommended.
 * Binding the key id into the hash stops a stored hash from being copied to another row.
 */
public final class SecretHasher {

    static final String ALGORITHM = "HmacSHA256";
    private static final byte[] NO_PEPPER = "kse-api-key-v1-no-pepper".getBytes(StandardCharsets.US_ASCII);
    public static final int MIN_PEPPER_LENGTH = 32;

    private final byte[] key;
    private final boolean peppered;

    /** {@code pepper} null or blank means none; otherwise at least {@value #MIN_PEPPER_LENGTH} characters. */
    public SecretHasher(String pepper) {
        if (pepper == null || pepper.isBlank()) {
            this.key = NO_PEPPER.clone();
            this.peppered = false;
        } else {
            if (pepper.length() < MIN_PEPPER_LENGTH) {
                // The value itself never goes into the message.
                throw new IllegalArgumentException("the API-key pepper must have at least " + MIN_PEPPER_LENGTH + " characters");
            }
            this.key = pepper.getBytes(StandardCharsets.UTF_8);
            this.peppered = true;
        }
    }

    public boolean isPeppered() {
        return peppered;
    }

    /** Lower-case hex, 64 characters. */
    public String hash(ParsedApiKey apiKey) {
        return HexFormat.of().formatHex(mac(apiKey.keyId(), apiKey.secret()));
    }

    /** Constant-time comparison with a stored hash; a malformed stored value never matches. */
    public boolean matches(ParsedApiKey apiKey, String storedHash) {
        byte[] computed = mac(apiKey.keyId(), apiKey.secret());
        byte[] stored;
        try {
            stored = storedHash == null ? new byte[0] : HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            stored = new byte[0];
        }
        return MessageDigest.isEqual(computed, stored);
    }

    private byte[] mac(String keyId, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update(keyId.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) ':');
            return mac.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
