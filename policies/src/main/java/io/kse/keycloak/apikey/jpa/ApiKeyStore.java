package io.kse.keycloak.apikey.jpa;

import java.util.List;

import jakarta.persistence.EntityManager;

/** The only place that queries the key table; every read is by primary key or by the (realm, user) index. */
public final class ApiKeyStore {

    private final EntityManager em;

    public ApiKeyStore(EntityManager em) {
        this.em = em;
    }

    public ApiKeyEntity find(String keyId) {
        return em.find(ApiKeyEntity.class, keyId);
    }

    public void add(ApiKeyEntity key) {
        em.persist(key);
    }

    public List<ApiKeyEntity> byUser(String realmId, String userId) {
        return em.createNamedQuery(ApiKeyEntity.BY_USER, ApiKeyEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .getResultList();
    }

    public List<ApiKeyEntity> byRealm(String realmId, int first, int max) {
        return em.createNamedQuery(ApiKeyEntity.BY_REALM, ApiKeyEntity.class)
                .setParameter("realmId", realmId)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    public long countActive(String realmId, String userId, long now) {
        return em.createNamedQuery(ApiKeyEntity.COUNT_ACTIVE_BY_USER, Long.class)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setParameter("now", now)
                .getSingleResult();
    }

    public int deleteByUser(String realmId, String userId) {
        return em.createNamedQuery(ApiKeyEntity.DELETE_BY_USER)
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .executeUpdate();
    }

    /**
     * Keys the maintenance pass may have to notify about (of one realm, or all for null): not revoked, not rotated,
     * expiring before {@code horizon} and without an expiry notice yet. Served by the EXPIRES_AT index.
     */
    public List<ApiKeyEntity> dueForNotice(String realmId, long horizon) {
        var query = em.createQuery("select k from ApiKeyEntity k where k.expiresAt <= :horizon"
                        + " and k.revokedAt is null and k.rotatedAt is null and k.expiredNotifiedAt is null"
                        + (realmId == null ? "" : " and k.realmId = :realmId") + " order by k.expiresAt",
                ApiKeyEntity.class).setParameter("horizon", horizon);
        return (realmId == null ? query : query.setParameter("realmId", realmId)).getResultList();
    }

    /** Sets the notice column if it is still empty; true only for the one caller that set it. */
    public boolean markReminded14(String keyId, long now) {
        return mark(ApiKeyEntity.MARK_REMINDED_14, keyId, now);
    }

    public boolean markReminded3(String keyId, long now) {
        return mark(ApiKeyEntity.MARK_REMINDED_3, keyId, now);
    }

    public boolean markExpiredNotified(String keyId, long now) {
        return mark(ApiKeyEntity.MARK_EXPIRED_NOTIFIED, keyId, now);
    }

    private boolean mark(String queryName, String keyId, long now) {
        return em.createNamedQuery(queryName)
                .setParameter("keyId", keyId)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Deletes keys (of one realm, or all for null) that expired before {@code cutoff}. */
    public int deleteExpiredBefore(String realmId, long cutoff) {
        var query = em.createQuery("delete from ApiKeyEntity k where k.expiresAt < :cutoff"
                + (realmId == null ? "" : " and k.realmId = :realmId")).setParameter("cutoff", cutoff);
        return (realmId == null ? query : query.setParameter("realmId", realmId)).executeUpdate();
    }

    public int deleteByRealm(String realmId) {
        return em.createNamedQuery(ApiKeyEntity.DELETE_BY_REALM)
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
