package io.kse.keycloak.apikey;

/**
 * Names shared by the grant, the REST APIs and their tests: event details and token claims. Events carry the key id
 * and label, never the secret or the key.
 */
public final class ApiKeyEvents {

    /** The credential type, in {@code Details.CREDENTIAL_TYPE} of create, rotate and revoke events. */
    public static final String CREDENTIAL_TYPE = "api-key";

    public static final String DETAIL_KEY_ID = "kse_api_key_id";
    public static final String DETAIL_LABEL = "kse_api_key_label";
    /** create, rotate, revoke (UPDATE_CREDENTIAL / REMOVE_CREDENTIAL events). */
    public static final String DETAIL_ACTION = "kse_api_key_action";
    public static final String DETAIL_ROTATED_FROM = "kse_api_key_rotated_from";
    /** Admin revocation (admin event {@code KSE_API_KEY}): the key's owner, so that the owner can be told. */
    public static final String DETAIL_OWNER = "kse_api_key_owner";

    /**
     * Expiry notices of the maintenance pass: user events of type CUSTOM_REQUIRED_ACTION (Keycloak has no custom event
     * type; this one is stored by default and no other feature of ours emits it) with
     * {@code custom_required_action} = {@value #EXPIRY_ACTION}; {@value #DETAIL_NOTICE} is reminder_14, reminder_3 or
     * expired.
     */
    public static final String EXPIRY_ACTION = "kse-api-key-expiry";
    public static final String DETAIL_NOTICE = "kse_api_key_notice";
    public static final String DETAIL_DAYS_LEFT = "kse_api_key_days_left";
    /** Epoch milliseconds. */
    public static final String DETAIL_EXPIRES_AT = "kse_api_key_expires_at";

    /** Error of failed key uses (OAUTH2_EXTENSION_GRANT_ERROR); the reason detail says why. */
    public static final String ERROR_INVALID_KEY = "kse_invalid_api_key";

    /** Access-token claim marking API-key authentication, and the claim with the key id. */
    public static final String CLAIM_AUTH = "kse_auth";
    public static final String CLAIM_AUTH_VALUE = "api-key";
    public static final String CLAIM_KEY_ID = "kse_api_key_id";

    private ApiKeyEvents() {
    }
}
