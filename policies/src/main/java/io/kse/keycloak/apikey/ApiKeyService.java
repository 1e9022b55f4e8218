package io.kse.keycloak.apikey;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.kse.keycloak.apikey.jpa.ApiKeyEntity;
import io.kse.keycloak.apikey.jpa.ApiKeyStore;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Issues, verifies, rotates and revokes keys for one Keycloak session. Every check reads the database (no cache), so a
 * revocation or a user being disabled takes effect at once on every cluster node.
 */
public final class ApiKeyService implements Provider {

    /** Why a verification failed: for events only; callers answer every failure the same way. */
    public enum Outcome { VALID, UNKNOWN, WRONG_SECRET, REVOKED, EXPIRED }

    public record Verification(Outcome outcome, ApiKeyEntity key) {
    }

    /** A stored key and its plaintext, which exists only in the response that shows it once. */
    public record Issued(ApiKeyEntity key, String plaintext) {
    }

    // Hashed when the key id is unknown, so that case costs about as much as a wrong secret.
    private static final ParsedApiKey DUMMY = new ParsedApiKey("000000000000", "00000000000000000000000000000000");

    private final KeycloakSession session;
    private final SecretHasher hasher;
    private final ApiKeyFormat format;
    private final ApiKeyServerSettings serverSettings;

    ApiKeyService(KeycloakSession session, SecretHasher hasher, ApiKeyFormat format, ApiKeyServerSettings serverSettings) {
        this.session = session;
        this.hasher = hasher;
        this.format = format;
        this.serverSettings = serverSettings;
    }

    /** The server-wide options (failure limits, maintenance interval). */
    public ApiKeyServerSettings serverSettings() {
        return serverSettings;
    }

    /** Keycloak's clock (milliseconds), which honours the server's time offset. */
    public static long now() {
        return Time.currentTimeMillis();
    }

    public ApiKeyRealmSettings settings(RealmModel realm) {
        return new ApiKeyRealmSettings(realm::getAttribute);
    }

    /** {@code now} is the instant {@code expiresAt} was computed from, so the lifetime is exact. */
    public Issued create(RealmModel realm, UserModel user, String label, long now, long expiresAt,
                         Collection<String> roles, Collection<String> scopes) {
        return issue(realm.getId(), user.getId(), label, now, expiresAt, join(roles), join(scopes), null);
    }

    /** A successor with the same label, expiry and restrictions; the old key lives until the end of the overlap. */
    public Issued rotate(RealmModel realm, ApiKeyEntity old, int overlapHours) {
        long now = now();
        ApiKeyRealmSettings settings = settings(realm);
        long expiresAt = ApiKeyLifetime.expiresAt(now, null, settings);
        Issued successor = issue(old.getRealmId(), old.getUserId(), old.getLabel(), now, expiresAt,
                old.getAllowedRoles(), old.getAllowedScopes(), old.getKeyId());
        old.setRotatedAt(now);
        old.setExpiresAt(ApiKeyLifetime.afterRotation(now, old.getExpiresAt(), overlapHours));
        return successor;
    }

    public void revoke(ApiKeyEntity key) {
        if (key.getRevokedAt() == null) {
            key.setRevokedAt(now());
        }
    }

    public List<ApiKeyEntity> ownedBy(RealmModel realm, UserModel user) {
        return store().byUser(realm.getId(), user.getId());
    }

    public List<ApiKeyEntity> inRealm(RealmModel realm, int first, int max) {
        return store().byRealm(realm.getId(), first, max);
    }

    /** The key with this id if it belongs to this user in this realm; other users' keys look like unknown ones. */
    public Optional<ApiKeyEntity> findOwned(RealmModel realm, UserModel user, String keyId) {
        return findInRealm(realm, keyId).filter(key -> key.getUserId().equals(user.getId()));
    }

    public Optional<ApiKeyEntity> findInRealm(RealmModel realm, String keyId) {
        if (!ApiKeyFormat.isKeyId(keyId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(store().find(keyId)).filter(key -> key.getRealmId().equals(realm.getId()));
    }

    public long countActive(RealmModel realm, UserModel user) {
        return store().countActive(realm.getId(), user.getId(), now());
    }

    /** One read by primary key; a key of another realm is as unknown as a missing one. */
    public Verification verify(RealmModel realm, ParsedApiKey candidate) {
        ApiKeyEntity key = store().find(candidate.keyId());
        if (key == null || !key.getRealmId().equals(realm.getId())) {
            hasher.matches(DUMMY, null);
            return new Verification(Outcome.UNKNOWN, null);
        }
        if (!hasher.matches(candidate, key.getSecretHash())) {
            return new Verification(Outcome.WRONG_SECRET, key);
        }
        if (key.getRevokedAt() != null) {
            return new Verification(Outcome.REVOKED, key);
        }
        if (!ApiKeyLifetime.usable(now(), key.getExpiresAt(), key.getRevokedAt())) {
            return new Verification(Outcome.EXPIRED, key);
        }
        return new Verification(Outcome.VALID, key);
    }

    /** Last use, at most once a minute per key. */
    public void recordUse(ApiKeyEntity key, String ip) {
        long now = now();
        if (ApiKeyLifetime.shouldRecordUse(now, key.getLastUsedAt())) {
            key.setLastUsedAt(now);
            key.setLastUsedIp(ip == null || ip.length() > 45 ? null : ip);
        }
    }

    private Issued issue(String realmId, String userId, String label, long now, long expiresAt, String roles,
                         String scopes, String rotatedFrom) {
        ParsedApiKey generated = format.generate();
        ApiKeyEntity key = new ApiKeyEntity();
        key.setKeyId(generated.keyId());
        key.setRealmId(realmId);
        key.setUserId(userId);
        key.setSecretHash(hasher.hash(generated));
        key.setLabel(label);
        key.setCreatedAt(now);
        key.setExpiresAt(expiresAt);
        key.setAllowedRoles(roles);
        key.setAllowedScopes(scopes);
        key.setRotatedFrom(rotatedFrom);
        store().add(key);
        return new Issued(key, generated.reveal());
    }

    /** Space-separated names, null for "no restriction". */
    static String join(Collection<String> names) {
        return names == null ? null : String.join(" ", names);
    }

    /** The names of a restriction column; null stays null ("no restriction"). */
    public static List<String> split(String names) {
        if (names == null) {
            return null;
        }
        return names.isBlank() ? List.of() : List.of(names.trim().split(" +"));
    }

    private ApiKeyStore store() {
        return new ApiKeyStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void close() {
    }
}
