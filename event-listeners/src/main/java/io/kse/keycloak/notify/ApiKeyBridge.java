package io.kse.keycloak.notify;

import java.util.Optional;

import io.kse.keycloak.common.apikey.ApiKeyRevoker;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The notifications' view of the API keys, through the {@link ApiKeyRevoker} SPI in {@code common}: the API-key
 * module implements it, so neither module depends on the other, and a server without it simply has no provider.
 */
final class ApiKeyBridge {

    /** Event-detail values besides a count. */
    static final String NOT_DEPLOYED = "n/a";
    static final String FAILED = "failed";

    private static final System.Logger LOG = System.getLogger(ApiKeyBridge.class.getName());

    private ApiKeyBridge() {
    }

    /**
     * Expiry (epoch milliseconds) of the user's key {@code keyId}, for the notices of create, rotate and revoke, whose
     * events do not carry it; empty without the API-key module or when the lookup fails (the notice then omits the date).
     */
    static Optional<Long> expiresAt(KeycloakSession session, RealmModel realm, UserModel user, String keyId) {
        ApiKeyRevoker keys = session.getProvider(ApiKeyRevoker.class);
        if (keys == null || keyId == null) {
            return Optional.empty();
        }
        try {
            return keys.expiresAt(realm, user, keyId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Expiry of API key not found: {0}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * How many keys were revoked, {@value #NOT_DEPLOYED} without the API-key module, {@value #FAILED} when it refused:
     * the rest of the containment (sign-out, password reset) must happen even then, and the event says so.
     */
    static String revokeAll(KeycloakSession session, RealmModel realm, UserModel user) {
        ApiKeyRevoker keys = session.getProvider(ApiKeyRevoker.class);
        if (keys == null) {
            return NOT_DEPLOYED;
        }
        try {
            return Integer.toString(keys.revokeAll(realm, user));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "API keys of user {0} not revoked: {1}", user.getId(),
                    e.getClass().getSimpleName());
            return FAILED;
        }
    }
}
