package io.kse.keycloak.apikey.grant;

import io.kse.keycloak.apikey.ApiKeyServerSettings;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Rate limit of failed key uses, per client address and per (existing key id, client address), in Keycloak's
 * single-use object store (replicated by Infinispan in a cluster), so every node sees the same counts.
 * <p>
 * There is deliberately no limit per key id alone: anyone who learnt a key id (it is in tokens, events and lists)
 * could then lock its owner out from anywhere. Counting per (key id, address) confines a lock-out to the attacker's
 * address; counting per address alone (also unknown and malformed keys) slows guessing across many key ids; counting
 * key ids only when they exist keeps random ids from filling the store. Every count is per realm: one tenant's
 * failures from a shared address (a NAT, a proxy) never limit that address in another realm.
 */
final class FailureLimiter {

    private static final String PREFIX = "kse-api-key-failures";

    private final FailureCounter counter;
    private final ApiKeyServerSettings settings;
    private final String realmId;

    FailureLimiter(SingleUseObjectProvider store, ApiKeyServerSettings settings, String realmId) {
        this.counter = new FailureCounter(new FailureCounter.Slots() {
            @Override
            public boolean contains(String key) {
                return store.contains(key);
            }

            @Override
            public boolean putIfAbsent(String key, long lifespanSeconds) {
                return store.putIfAbsent(key, lifespanSeconds);
            }
        }, settings.failureWindow());
        this.settings = settings;
        this.realmId = realmId;
    }

    /** Whether this attempt is refused before the key is even looked at. */
    boolean limited(String ip, String keyId, long now) {
        return counter.isFull(ipName(realmId, ip), settings.failureLimitPerIp(), now)
                || keyId != null && counter.isFull(keyName(realmId, keyId, ip), settings.failureLimitPerKey(), now);
    }

    /** A failure from this address whose key id does not exist (or could not be parsed). */
    void recordUnknown(String ip, long now) {
        counter.record(ipName(realmId, ip), settings.failureLimitPerIp(), now);
    }

    /** A wrong secret for an existing key id. */
    void recordWrongSecret(String ip, String keyId, long now) {
        counter.record(ipName(realmId, ip), settings.failureLimitPerIp(), now);
        counter.record(keyName(realmId, keyId, ip), settings.failureLimitPerKey(), now);
    }

    static String ipName(String realmId, String ip) {
        return PREFIX + "|" + realmId + "|ip|" + ip;
    }

    static String keyName(String realmId, String keyId, String ip) {
        return PREFIX + "|" + realmId + "|key|" + keyId + "|" + ip;
    }
}
