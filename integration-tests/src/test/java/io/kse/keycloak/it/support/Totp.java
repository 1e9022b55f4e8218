package io.kse.keycloak.it.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes as an authenticator app computes them, for the template's OTP policy (HmacSHA1, 6 digits, 30 s).
 * The secret is Keycloak's raw secret (the config page's hidden {@code totpSecret}), not its Base32 form.
 */
public final class Totp {

    private static final int PERIOD_SECONDS = 30;
    private static final int DIGITS = 6;

    private Totp() {
    }

    /** The code for the time step containing {@code at}. */
    public static String code(String secret, Instant at) {
        long counter = at.getEpochSecond() / PERIOD_SECONDS;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % (int) Math.pow(10, DIGITS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code for the next time step: accepted by the look-ahead window, and never the code just used. */
    public static String nextCode(String secret) {
        return code(secret, Instant.now().plusSeconds(PERIOD_SECONDS));
    }
}
