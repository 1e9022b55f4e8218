package io.kse.keycloak.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.MacSpi;

import io.kse.keycloak.apikey.jpa.ApiKeyEntity;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * An unknown key id must cost what a wrong secret costs, or response times would tell an attacker which key ids
 * exist. Rather than timing verify() (wall-clock assertions flake on a loaded machine), this counts the work both
 * paths do: the primary-key reads (a stub entity manager) and the HMAC computations, seen through a JCA provider
 * installed first for HmacSHA256 that delegates to the JDK's and counts calls and bytes. Both paths must do exactly
 * one read and one HMAC over the same number of bytes; the only remaining difference, comparing 32 bytes against an
 * empty array, costs nanoseconds and is invisible behind a network round trip.
 */
class ApiKeyVerifyWorkTest {

    private final ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());
    private final SecretHasher hasher = new SecretHasher("a-test-pepper-of-at-least-32-characters");
    private final ParsedApiKey known = format.generate();
    private final ParsedApiKey wrongSecret = ApiKeyFormat.parse(ApiKeyFormat.encode(known.keyId(), "x".repeat(32))).orElseThrow();
    private final ParsedApiKey unknown = format.generate();
    private final AtomicInteger reads = new AtomicInteger();
    private final EntityManager em = entityManager(stored(), reads);
    private final ApiKeyService service = new ApiKeyService(session(em), hasher, format, new ApiKeyServerSettings(Map.<String, String>of()::get));
    private final RealmModel realm = realm();

    @BeforeAll
    static void countMacs() {
        assertThat(Security.insertProviderAt(new CountingProvider(), 1)).isEqualTo(1);
    }

    @AfterAll
    static void removeCounter() {
        Security.removeProvider(CountingProvider.NAME);
    }

    @Test
    void anUnknownKeyIdDoesTheSameWorkAsAWrongSecret() {
        Work unknownWork = workOf(() -> assertThat(service.verify(realm, unknown).outcome()).isEqualTo(ApiKeyService.Outcome.UNKNOWN));
        Work wrongWork = workOf(() -> assertThat(service.verify(realm, wrongSecret).outcome()).isEqualTo(ApiKeyService.Outcome.WRONG_SECRET));

        assertThat(wrongWork).as("guard: the counter sees the real path").isEqualTo(new Work(1, 1, 12 + 1 + 32));
        assertThat(unknownWork).as("an unknown id: one read and one (dummy) HMAC of the same size").isEqualTo(wrongWork);
    }

    @Test
    void aKeyOfAnotherRealmDoesTheSameWorkAsAWrongSecret() {
        RealmModel other = proxy(RealmModel.class, (method, args) -> "getId".equals(method) ? "realm-2" : null);
        Work otherRealm = workOf(() -> assertThat(service.verify(other, known).outcome()).isEqualTo(ApiKeyService.Outcome.UNKNOWN));
        Work wrongWork = workOf(() -> service.verify(realm, wrongSecret));
        assertThat(otherRealm).isEqualTo(wrongWork);
    }

    private record Work(int reads, int macs, long macBytes) {
    }

    private Work workOf(Runnable operation) {
        reads.set(0);
        CountingMac.COMPUTATIONS.set(0);
        CountingMac.BYTES.set(0);
        operation.run();
        return new Work(reads.get(), CountingMac.COMPUTATIONS.get(), CountingMac.BYTES.get());
    }

    /** Supplies HmacSHA256 ahead of the JDK's provider. */
    public static final class CountingProvider extends Provider {
        static final String NAME = "KseCountingMac";

        public CountingProvider() {
            super(NAME, "1", "counts HmacSHA256 computations for a test");
            put("Mac." + SecretHasher.ALGORITHM, CountingMac.class.getName());
        }
    }

    /** Delegates to the JDK's HmacSHA256 and counts finished computations and the bytes fed in. */
    public static final class CountingMac extends MacSpi {
        static final AtomicInteger COMPUTATIONS = new AtomicInteger();
        static final AtomicLong BYTES = new AtomicLong();
        private final Mac delegate;

        public CountingMac() throws GeneralSecurityException {
            delegate = Mac.getInstance(SecretHasher.ALGORITHM, "SunJCE");
        }

        @Override
        protected int engineGetMacLength() {
            return delegate.getMacLength();
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException, InvalidAlgorithmParameterException {
            delegate.init(key, params);
        }

        @Override
        protected void engineUpdate(byte input) {
            BYTES.incrementAndGet();
            delegate.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            BYTES.addAndGet(len);
            delegate.update(input, offset, len);
        }

        @Override
        protected byte[] engineDoFinal() {
            COMPUTATIONS.incrementAndGet();
            return delegate.doFinal();
        }

        @Override
        protected void engineReset() {
            delegate.reset();
        }
    }

    private ApiKeyEntity stored() {
        ApiKeyEntity key = new ApiKeyEntity();
        key.setKeyId(known.keyId());
        key.setRealmId("realm-1");
        key.setSecretHash(hasher.hash(known));
        return key;
    }

    private static EntityManager entityManager(ApiKeyEntity stored, AtomicInteger reads) {
        return proxy(EntityManager.class, (method, args) -> {
            if (!"find".equals(method)) {
                return null;
            }
            reads.incrementAndGet();
            return stored.getKeyId().equals(args[1]) ? stored : null;
        });
    }

    private static KeycloakSession session(EntityManager em) {
        JpaConnectionProvider jpa = proxy(JpaConnectionProvider.class, (method, args) -> "getEntityManager".equals(method) ? em : null);
        return proxy(KeycloakSession.class, (method, args) -> "getProvider".equals(method) ? jpa : null);
    }

    private static RealmModel realm() {
        return proxy(RealmModel.class, (method, args) -> "getId".equals(method) ? "realm-1" : null);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName() + " stub";
                    default -> answer.answer(method.getName(), args);
                }));
    }
}
