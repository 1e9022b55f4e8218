package io.kse.keycloak.notify;

import static io.kse.keycloak.notify.NotifyConfigProperties.BACKOFF_BASE_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.BACKOFF_MAX_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.COALESCE_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_BACKOFF_BASE_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_BACKOFF_MAX_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_COALESCE_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_DELIVERY_THREADS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DELIVERY_THREADS;
import static io.kse.keycloak.notify.NotifyConfigProperties.MAX_DELIVERY_THREADS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_LEASE_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_LINK_LIFETIME_DAYS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_MAX_ATTEMPTS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_POLL_INTERVAL_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_RATE_LIMIT_PER_HOUR;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_PRIVILEGED_ROLES;
import static io.kse.keycloak.notify.NotifyConfigProperties.DEFAULT_RECIPIENT_ROLES;
import static io.kse.keycloak.notify.NotifyConfigProperties.DISABLED_KINDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.LEASE_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.LINK_LIFETIME_DAYS;
import static io.kse.keycloak.notify.NotifyConfigProperties.MAX_LINK_LIFETIME_DAYS;
import static io.kse.keycloak.notify.NotifyConfigProperties.MAX_ATTEMPTS;
import static io.kse.keycloak.notify.NotifyConfigProperties.POLL_INTERVAL_SECONDS;
import static io.kse.keycloak.notify.NotifyConfigProperties.PRIVILEGED_ROLES;
import static io.kse.keycloak.notify.NotifyConfigProperties.RATE_LIMIT_PER_HOUR;
import static io.kse.keycloak.notify.NotifyConfigProperties.RECIPIENT_ROLES;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.Config;


/** Effective server-wide settings, read once in {@code init}. */
final class NotifyConfig {

    final List<String> recipientRoles;
    final List<String> privilegedRoles;
    final Set<String> disabledKinds;
    final long pollIntervalMillis;
    final int maxAttempts;
    final Backoff backoff;
    final long leaseMillis;
    final RateLimit rateLimit;
    final Coalescing coalescing;
    final int linkLifetimeDays;
    final int deliveryThreads;
    private final Map<String, String> effective = new LinkedHashMap<>();

    private NotifyConfig(Config.Scope scope) {
        String roles = value(scope, RECIPIENT_ROLES, DEFAULT_RECIPIENT_ROLES);
        String privileged = value(scope, PRIVILEGED_ROLES, DEFAULT_PRIVILEGED_ROLES);
        String disabled = value(scope, DISABLED_KINDS, "");
        int poll = positive(scope, POLL_INTERVAL_SECONDS, DEFAULT_POLL_INTERVAL_SECONDS);
        this.maxAttempts = positive(scope, MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS);
        int base = positive(scope, BACKOFF_BASE_SECONDS, DEFAULT_BACKOFF_BASE_SECONDS);
        int max = Math.max(base, positive(scope, BACKOFF_MAX_SECONDS, DEFAULT_BACKOFF_MAX_SECONDS));
        int lease = positive(scope, LEASE_SECONDS, DEFAULT_LEASE_SECONDS);
        int perHour = positive(scope, RATE_LIMIT_PER_HOUR, DEFAULT_RATE_LIMIT_PER_HOUR);
        int coalesce = Math.max(0, integer(scope, COALESCE_SECONDS, DEFAULT_COALESCE_SECONDS));
        this.linkLifetimeDays = positive(scope, LINK_LIFETIME_DAYS, DEFAULT_LINK_LIFETIME_DAYS);
        if (linkLifetimeDays > MAX_LINK_LIFETIME_DAYS) {
            throw new IllegalArgumentException(LINK_LIFETIME_DAYS + " must be at most " + MAX_LINK_LIFETIME_DAYS
                    + ", was " + linkLifetimeDays);
        }

        this.deliveryThreads = positive(scope, DELIVERY_THREADS, DEFAULT_DELIVERY_THREADS);
        if (deliveryThreads > MAX_DELIVERY_THREADS) {
            throw new IllegalArgumentException(DELIVERY_THREADS + " must be at most " + MAX_DELIVERY_THREADS
                    + ", was " + deliveryThreads);
        }

        this.recipientRoles = csv(roles);
        this.privilegedRoles = csv(privileged);
        this.disabledKinds = Set.copyOf(csv(disabled));
        this.pollIntervalMillis = poll * 1000L;
        this.backoff = new Backoff(base * 1000L, max * 1000L);
        this.leaseMillis = lease * 1000L;
        this.rateLimit = new RateLimit(perHour, 3_600_000L);
        this.coalescing = new Coalescing(coalesce * 1000L);

        effective.put(RECIPIENT_ROLES, String.join(",", recipientRoles));
        effective.put(PRIVILEGED_ROLES, String.join(",", privilegedRoles));
        effective.put(DISABLED_KINDS, String.join(",", csv(disabled)));
        effective.put(POLL_INTERVAL_SECONDS, Integer.toString(poll));
        effective.put(DELIVERY_THREADS, Integer.toString(deliveryThreads));
        effective.put(MAX_ATTEMPTS, Integer.toString(maxAttempts));
        effective.put(BACKOFF_BASE_SECONDS, Integer.toString(base));
        effective.put(BACKOFF_MAX_SECONDS, Integer.toString(max));
        effective.put(LEASE_SECONDS, Integer.toString(lease));
        effective.put(RATE_LIMIT_PER_HOUR, Integer.toString(perHour));
        effective.put(COALESCE_SECONDS, Integer.toString(coalesce));
        effective.put(LINK_LIFETIME_DAYS, Integer.toString(linkLifetimeDays));
    }

    static NotifyConfig from(Config.Scope scope) {
        return new NotifyConfig(scope);
    }

    Map<String, String> effective() {
        return effective;
    }

    static List<String> csv(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .collect(Collectors.toList());
    }

    private static String value(Config.Scope scope, String key, String fallback) {
        String value = scope == null ? null : scope.get(key);
        return value == null ? fallback : value;
    }

    private static int integer(Config.Scope scope, String key, int fallback) {
        Integer value = scope == null ? null : scope.getInt(key);
        return value == null ? fallback : value;
    }

    private static int positive(Config.Scope scope, String key, int fallback) {
        int value = integer(scope, key, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
        return value;
    }
}
