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

    public int deleteByRealm(String realmId) {
        return em.createNamedQuery(ApiKeyEntity.DELETE_BY_REALM)
                .setParameter("realmId", realmId)
                .executeUpdate();
    }
}
