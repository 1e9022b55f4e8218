package io.kse.keycloak.apikey.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One API key. The primary key is the key's public lookup id, so verification is one indexed read. Only the hash of
 * the secret is stored. Times are epoch milliseconds from Keycloak's clock (so time offsets in tests apply).
 */
@Entity
@Table(name = "KSE_API_KEY")
@NamedQueries({
        @NamedQuery(name = ApiKeyEntity.BY_USER,
                query = "select k from ApiKeyEntity k where k.realmId = :realmId and k.userId = :userId order by k.createdAt"),
        @NamedQuery(name = ApiKeyEntity.BY_REALM,
                query = "select k from ApiKeyEntity k where k.realmId = :realmId order by k.createdAt"),
        @NamedQuery(name = ApiKeyEntity.COUNT_ACTIVE_BY_USER,
                query = "select count(k) from ApiKeyEntity k where k.realmId = :realmId and k.userId = :userId"
                        + " and k.revokedAt is null and k.expiresAt > :now"),
        @NamedQuery(name = ApiKeyEntity.DELETE_BY_USER,
                query = "delete from ApiKeyEntity k where k.realmId = :realmId and k.userId = :userId"),
        @NamedQuery(name = ApiKeyEntity.DELETE_BY_REALM,
                query = "delete from ApiKeyEntity k where k.realmId = :realmId"),
        // The maintenance pass: conditional updates, so that of two concurrent passes only one wins each notice.
        @NamedQuery(name = ApiKeyEntity.MARK_REMINDED_14,
                query = "update ApiKeyEntity k set k.reminded14At = :now where k.keyId = :keyId and k.reminded14At is null"),
        @NamedQuery(name = ApiKeyEntity.MARK_REMINDED_3,
                query = "update ApiKeyEntity k set k.reminded3At = :now where k.keyId = :keyId and k.reminded3At is null"),
        @NamedQuery(name = ApiKeyEntity.MARK_EXPIRED_NOTIFIED,
                query = "update ApiKeyEntity k set k.expiredNotifiedAt = :now where k.keyId = :keyId"
                        + " and k.expiredNotifiedAt is null")
})
public class ApiKeyEntity {

    static final String BY_USER = "kseApiKeysByUser";
    static final String BY_REALM = "kseApiKeysByRealm";
    static final String COUNT_ACTIVE_BY_USER = "kseApiKeysCountActiveByUser";
    static final String DELETE_BY_USER = "kseApiKeysDeleteByUser";
    static final String DELETE_BY_REALM = "kseApiKeysDeleteByRealm";
    static final String MARK_REMINDED_14 = "kseApiKeysMarkReminded14";
    static final String MARK_REMINDED_3 = "kseApiKeysMarkReminded3";
    static final String MARK_EXPIRED_NOTIFIED = "kseApiKeysMarkExpiredNotified";

    @Id
    @Column(name = "KEY_ID", length = 12, nullable = false)
    private String keyId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "SECRET_HASH", length = 64, nullable = false)
    private String secretHash;

    @Column(name = "LABEL", length = 100, nullable = false)
    private String label;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    /** Set on the old key when it was rotated; it then lives only until the end of the overlap. */
    @Column(name = "ROTATED_AT")
    private Long rotatedAt;

    /** The key this one replaced, if it came from a rotation. */
    @Column(name = "ROTATED_FROM", length = 12)
    private String rotatedFrom;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Column(name = "LAST_USED_IP", length = 45)
    private String lastUsedIp;

    /** Space-separated realm role names the key may carry; null means the user's roles unrestricted. */
    @Column(name = "ALLOWED_ROLES", length = 2000)
    private String allowedRoles;

    /** Space-separated client scope names the key may request; null means no restriction. */
    @Column(name = "ALLOWED_SCOPES", length = 2000)
    private String allowedScopes;

    /** When the maintenance pass sent the 14-day reminder (changeSet kse-api-keys-2). */
    @Column(name = "REMINDED_14_AT")
    private Long reminded14At;

    @Column(name = "REMINDED_3_AT")
    private Long reminded3At;

    @Column(name = "EXPIRED_NOTIFIED_AT")
    private Long expiredNotifiedAt;

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Long revokedAt) {
        this.revokedAt = revokedAt;
    }

    public Long getRotatedAt() {
        return rotatedAt;
    }

    public void setRotatedAt(Long rotatedAt) {
        this.rotatedAt = rotatedAt;
    }

    public String getRotatedFrom() {
        return rotatedFrom;
    }

    public void setRotatedFrom(String rotatedFrom) {
        this.rotatedFrom = rotatedFrom;
    }

    public Long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public String getLastUsedIp() {
        return lastUsedIp;
    }

    public void setLastUsedIp(String lastUsedIp) {
        this.lastUsedIp = lastUsedIp;
    }

    public String getAllowedRoles() {
        return allowedRoles;
    }

    public void setAllowedRoles(String allowedRoles) {
        this.allowedRoles = allowedRoles;
    }

    public String getAllowedScopes() {
        return allowedScopes;
    }

    public void setAllowedScopes(String allowedScopes) {
        this.allowedScopes = allowedScopes;
    }

    public Long getReminded14At() {
        return reminded14At;
    }

    public Long getReminded3At() {
        return reminded3At;
    }

    public Long getExpiredNotifiedAt() {
        return expiredNotifiedAt;
    }

    @Override
    public String toString() {
        // Deliberately without the hash.
        return "ApiKeyEntity[" + keyId + "]";
    }
}
