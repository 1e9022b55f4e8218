package io.kse.keycloak.apikey.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.kse.keycloak.apikey.ApiKeyServerSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class FailureCounterTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final long W = WINDOW.toMillis();
    /** The start of a window. */
    private static final long NOW = 6_000_000 * W;

    /** The single-use store as a set; putIfAbsent is atomic here as it is in Infinispan. */
    static final class FakeStore implements SingleUseObjectProvider {
        final Map<String, Long> entries = new HashMap<>();
        int reads;

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, lifespanSeconds);
        }

        @Override
        public Map<String, String> get(String key) {
            return entries.containsKey(key) ? Map.of() : null;
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key) == null ? null : Map.of();
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.containsKey(key);
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return entries.putIfAbsent(key, lifespanInSeconds) == null;
        }

        @Override
        public boolean contains(String key) {
            reads++;
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    private static FailureCounter counter(FakeStore store) {
        return new FailureCounter(new FailureCounter.Slots() {
            @Override
            public boolean contains(String key) {
                return store.contains(key);
            }

            @Override
            public boolean putIfAbsent(String key, long lifespanSeconds) {
                return store.putIfAbsent(key, lifespanSeconds);
            }
        }, WINDOW);
    }

    @Nested
    class Windows {

        @Test
        void windowsAreAlignedToTheEpochAndChangeAtTheBoundary() {
            assertThat(FailureCounter.window(NOW, W)).isEqualTo(6_000_000);
            assertThat(FailureCounter.window(NOW + W - 1, W)).isEqualTo(6_000_000);
            assertThat(FailureCounter.window(NOW + W, W)).isEqualTo(6_000_001);
        }

        @Test
        void slotsOutliveTheirWindow() {
            assertThat(counter(new FakeStore()).lifespanSeconds()).isEqualTo(600);
        }

        @Test
        void aNewWindowStartsFromZero() {
            FakeStore store = new FakeStore();
            FailureCounter counter = counter(store);
            for (int i = 0; i < 3; i++) {
                counter.record("x", 3, NOW);
            }
            assertThat(counter.isFull("x", 3, NOW + W - 1)).isTrue();
            assertThat(counter.isFull("x", 3, NOW + W)).isFalse();
            assertThat(counter.record("x", 3, NOW + W)).isEqualTo(1);
        }
    }

    @Nested
    class Thresholds {

        @Test
        void fullExactlyAtTheLimit() {
            FailureCounter counter = counter(new FakeStore());
            for (int i = 1; i <= 9; i++) {
                assertThat(counter.record("k", 10, NOW)).isEqualTo(i);
                assertThat(counter.isFull("k", 10, NOW)).isFalse();
            }
            assertThat(counter.record("k", 10, NOW)).isEqualTo(10);
            assertThat(counter.isFull("k", 10, NOW)).isTrue();
        }

        @Test
        void failuresBeyondTheLimitStoreNothingMore() {
            FakeStore store = new FakeStore();
            FailureCounter counter = counter(store);
            for (int i = 0; i < 5; i++) {
                counter.record("k", 2, NOW);
            }
            assertThat(store.entries).hasSize(2);
        }

        @Test
        void aLimitOfOneIsFullAfterOneFailure() {
            FailureCounter counter = counter(new FakeStore());
            assertThat(counter.isFull("k", 1, NOW)).isFalse();
            counter.record("k", 1, NOW);
            assertThat(counter.isFull("k", 1, NOW)).isTrue();
        }

        @Test
        void aSlotTakenByAConcurrentFailureIsSkipped() {
            FakeStore store = new FakeStore();
            String slot1 = FailureCounter.slotKey("k", FailureCounter.window(NOW, W), 1);
            // Another node claims slot 1 between this node's search (which saw it free) and its claim.
            FailureCounter racing = new FailureCounter(new FailureCounter.Slots() {
                @Override
                public boolean contains(String key) {
                    return store.contains(key);
                }

                @Override
                public boolean putIfAbsent(String key, long lifespanSeconds) {
                    if (key.equals(slot1)) {
                        store.putIfAbsent(key, lifespanSeconds);
                    }
                    return store.putIfAbsent(key, lifespanSeconds);
                }
            }, WINDOW);
            racing.record("k", 5, NOW);
            assertThat(racing.record("k", 5, NOW)).as("slot 1 lost, slot 2 won").isEqualTo(3);
            assertThat(racing.record("k", 5, NOW)).isEqualTo(4);
        }

        @Test
        void findingTheNextSlotIsLogarithmic() {
            FakeStore store = new FakeStore();
            FailureCounter counter = counter(store);
            for (int i = 0; i < 60; i++) {
                counter.record("ip", 100, NOW);
            }
            store.reads = 0;
            counter.record("ip", 100, NOW);
            assertThat(store.reads).isLessThanOrEqualTo(8);
        }

        @Test
        void countersAreSeparateByName() {
            FailureCounter counter = counter(new FakeStore());
            counter.record("a", 1, NOW);
            assertThat(counter.isFull("a", 1, NOW)).isTrue();
            assertThat(counter.isFull("b", 1, NOW)).isFalse();
        }
    }

    /** The limiter's policy, which the integration tests cannot vary the client address for. */
    @Nested
    class Limiter {

        private final ApiKeyServerSettings settings = new ApiKeyServerSettings(Map.of(
                ApiKeyServerSettings.FAILURE_LIMIT_PER_KEY, "3", ApiKeyServerSettings.FAILURE_LIMIT_PER_IP, "5")::get);
        private final FakeStore store = new FakeStore();
        private final FailureLimiter limiter = new FailureLimiter(store, settings, "r1");

        @Test
        void wrongSecretsLimitThatKeyFromThatAddressOnly() {
            for (int i = 0; i < 3; i++) {
                limiter.recordWrongSecret("10.0.0.1", "keyA", NOW);
            }
            assertThat(limiter.limited("10.0.0.1", "keyA", NOW)).isTrue();
            assertThat(limiter.limited("10.0.0.2", "keyA", NOW)).as("the owner elsewhere is not locked out").isFalse();
            assertThat(limiter.limited("10.0.0.1", "keyB", NOW)).as("another key from the same address").isFalse();
        }

        @Test
        void anAddressIsLimitedForEveryKeyAfterItsOwnLimit() {
            for (int i = 0; i < 5; i++) {
                limiter.recordUnknown("10.0.0.9", NOW);
            }
            assertThat(limiter.limited("10.0.0.9", "anyKey", NOW)).isTrue();
            assertThat(limiter.limited("10.0.0.9", null, NOW)).as("malformed keys too").isTrue();
            assertThat(limiter.limited("10.0.0.8", "anyKey", NOW)).isFalse();
        }

        @Test
        void unknownKeyIdsDoNotCountAgainstAKeyId() {
            for (int i = 0; i < 4; i++) {
                limiter.recordUnknown("10.0.0.1", NOW);
            }
            assertThat(limiter.limited("10.0.0.1", "keyA", NOW)).isFalse();
        }

        @Test
        void wrongSecretsCountTowardsTheAddressToo() {
            Set<String> keys = new HashSet<>(Set.of("k1", "k2", "k3", "k4", "k5"));
            keys.forEach(key -> limiter.recordWrongSecret("10.0.0.1", key, NOW));
            assertThat(limiter.limited("10.0.0.1", "k6", NOW)).isTrue();
        }

        @Test
        void ipv6AddressesAreDistinctNames() {
            assertThat(FailureLimiter.keyName("r1", "keyA", "::1")).isNotEqualTo(FailureLimiter.keyName("r1", "keyA", "::2"));
            assertThat(FailureLimiter.ipName("r1", "::1")).endsWith("|ip|::1");
        }

        @Test
        void anotherRealmIsNotLimitedByThisRealmsFailures() {
            for (int i = 0; i < 5; i++) {
                limiter.recordUnknown("10.0.0.1", NOW);
            }
            assertThat(limiter.limited("10.0.0.1", null, NOW)).isTrue();
            assertThat(new FailureLimiter(store, settings, "r2").limited("10.0.0.1", null, NOW))
                    .as("same address, same store, other realm").isFalse();
        }

        @Test
        void countsAreKeptPerRealm() {
            assertThat(FailureLimiter.ipName("r1", "10.0.0.1")).isNotEqualTo(FailureLimiter.ipName("r2", "10.0.0.1"));
            assertThat(FailureLimiter.keyName("r1", "keyA", "10.0.0.1"))
                    .isNotEqualTo(FailureLimiter.keyName("r2", "keyA", "10.0.0.1"));
        }
    }
}
