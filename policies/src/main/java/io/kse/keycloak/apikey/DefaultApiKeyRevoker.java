package io.kse.keycloak.apikey;

import java.util.Optional;

import io.kse.keycloak.apikey.jpa.ApiKeyEntity;
import io.kse.keycloak.common.apikey.ApiKeyRevoker;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** {@link ApiKeyRevoker} over {@link ApiKeyService}, for the notifications module. */
final class DefaultApiKeyRevoker implements ApiKeyRevoker {

    private final KeycloakSession session;

    DefaultApiKeyRevoker(KeycloakSession session) {
        this.session = session;
    }

    /** Every key not revoked yet, rotated and expired ones included: none of them may come back to life. */
    @Override
    public int revokeAll(RealmModel realm, UserModel user) {
        ApiKeyService keys = session.getProvider(ApiKeyService.class);
        int revoked = 0;
        for (ApiKeyEntity key : keys.ownedBy(realm, user)) {
            if (key.getRevokedAt() == null) {
                keys.revoke(key);
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public Optional<Long> expiresAt(RealmModel realm, UserModel user, String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        return session.getProvider(ApiKeyService.class).findOwned(realm, user, keyId).map(ApiKeyEntity::getExpiresAt);
    }

    @Override
    public void close() {
    }
}
