package io.kse.keycloak.common.apikey;

import java.util.Optional;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * What other modules may do with a user's API keys without depending on the module that stores them: revoke them all
 * ("this wasn't me") and look up one key's expiry (for the notices). Implemented by the API-key module; absent when it
 * is not deployed, so callers get it with {@code session.getProvider(ApiKeyRevoker.class)} and handle {@code null}.
 */
public interface ApiKeyRevoker extends Provider {

    /** Revokes every active key of the user at once; returns how many were active. */
    int revokeAll(RealmModel realm, UserModel user);

    /** Expiry (epoch milliseconds) of the user's key {@code keyId}; empty if the user has no such key. */
    Optional<Long> expiresAt(RealmModel realm, UserModel user, String keyId);
}
