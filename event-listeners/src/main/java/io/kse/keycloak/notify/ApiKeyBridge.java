package io.kse.keycloak.notify;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Revokes a user's API keys through the {@code kse-api-keys} SPI of the policies module when it is deployed.
 * Reflective on purpose: a compile dependency would tie this module's build to the policies module (and make the
 * API-key notices planned there a dependency cycle); two public methods of {@code ApiKeyService} are the whole
 * contract ({@code ownedBy(RealmModel, UserModel)}, {@code revoke(key)}), proven end to end by {@code NotMeLinkIT}.
 */
final class ApiKeyBridge {

    static final String SERVICE_CLASS = "io.kse.keycloak.apikey.ApiKeyService";
    /** Event-detail values besides a count. */
    static final String NOT_DEPLOYED = "n/a";
    static final String FAILED = "failed";

    private static final System.Logger LOG = System.getLogger(ApiKeyBridge.class.getName());

    private ApiKeyBridge() {
    }

    /**
     * Expiry (epoch milliseconds) of the user's key {@code keyId}, for the notices of create, rotate and revoke, whose
     * events do not carry it; empty without the API-key SPI or when the lookup fails (the notice then omits the date).
     */
    static Optional<Long> expiresAt(KeycloakSession session, RealmModel realm, UserModel user, String keyId) {
        try {
            Class<? extends Provider> type = Class.forName(SERVICE_CLASS, true, ApiKeyBridge.class.getClassLoader())
                    .asSubclass(Provider.class);
            Provider service = session.getProvider(type);
            if (service == null || keyId == null) {
                return Optional.empty();
            }
            List<?> keys = (List<?>) type.getMethod("ownedBy", RealmModel.class, UserModel.class)
                    .invoke(service, realm, user);
            for (Object key : keys) {
                if (keyId.equals(key.getClass().getMethod("getKeyId").invoke(key))) {
                    Object expiresAt = key.getClass().getMethod("getExpiresAt").invoke(key);
                    return expiresAt instanceof Long millis ? Optional.of(millis) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "Expiry of API key not found: {0}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * How many active keys were revoked, {@value #NOT_DEPLOYED} without the API-key SPI, {@value #FAILED} when it
     * refused: the rest of the containment (sign-out, password reset) must happen even then, and the event says so.
     */
    static String revokeAll(KeycloakSession session, RealmModel realm, UserModel user) {
        Class<? extends Provider> type;
        try {
            type = Class.forName(SERVICE_CLASS, true, ApiKeyBridge.class.getClassLoader()).asSubclass(Provider.class);
        } catch (ClassNotFoundException | ClassCastException absent) {
            return NOT_DEPLOYED;
        }
        Provider service = session.getProvider(type);
        if (service == null) {
            return NOT_DEPLOYED;
        }
        try {
            List<?> keys = (List<?>) type.getMethod("ownedBy", RealmModel.class, UserModel.class)
                    .invoke(service, realm, user);
            int revoked = 0;
            for (Object key : keys) {
                if (key.getClass().getMethod("getRevokedAt").invoke(key) == null) {
                    Method revoke = type.getMethod("revoke", key.getClass());
                    revoke.invoke(service, key);
                    revoked++;
                }
            }
            return Integer.toString(revoked);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            LOG.log(System.Logger.Level.WARNING, "API keys of user {0} not revoked: {1}", user.getId(),
                    cause.getClass().getSimpleName());
            return FAILED;
        }
    }
}
