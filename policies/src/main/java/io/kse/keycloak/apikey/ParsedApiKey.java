package io.kse.keycloak.apikey;

/** A syntactically valid key split into its lookup id and its secret. {@link #toString()} never shows the secret. */
public final class ParsedApiKey {

    private final String keyId;
    private final String secret;

    ParsedApiKey(String keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret;
    }

    public String keyId() {
        return keyId;
    }

    String secret() {
        return secret;
    }

    /** The full key, for the one response that shows it to its owner. */
    public String reveal() {
        return ApiKeyFormat.encode(keyId, secret);
    }

    @Override
    public String toString() {
        return "ApiKey[" + keyId + ", secret redacted]";
    }
}
