package io.kse.keycloak.apikey.maintenance;

import java.time.Duration;
import java.util.Optional;

import io.kse.keycloak.apikey.ApiKeyEvents;
import io.kse.keycloak.apikey.jpa.ApiKeyEntity;
import io.kse.keycloak.apikey.jpa.ApiKeyStore;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

/**
 * The maintenance pass: one event per key 14 and 3 days before its expiry and once it has expired (not for revoked
 * or rotated keys: their end was chosen), and deletion of keys expired for more than 30 days. Each notice is claimed
 * with a conditional UPDATE before its event is sent, in the same transaction, so that two overlapping passes (or a
 * pass and the admin trigger) send it once.
 */
public final class ApiKeyMaintenance {

    public record Result(int reminded14, int reminded3, int expired, int deleted) {
    }

    /** Nodes look this often whether the cluster's pass of the current interval has run, so restarts skip none. */
    static final Duration MAX_TICK = Duration.ofHours(1);
    static final Duration FIRST_TICK = Duration.ofMinutes(1);

    private final KeycloakSession session;

    public ApiKeyMaintenance(KeycloakSession session) {
        this.session = session;
    }

    /** Schedules the pass on this node (called once per node at start); the task itself makes it once per cluster. */
    public static void schedule(KeycloakSessionFactory factory, Duration interval) {
        MaintenanceTask task = new MaintenanceTask(interval);
        long tick = Math.min(interval.toMillis(), MAX_TICK.toMillis());
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(task, Math.min(tick, FIRST_TICK.toMillis()), tick, MaintenanceTask.NAME));
    }

    /** One pass over the keys of {@code realm}, or of every realm for null, at {@code now} (Keycloak's clock). */
    public Result run(RealmModel realm, long now) {
        ApiKeyStore store = new ApiKeyStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        String realmId = realm == null ? null : realm.getId();
        int[] sent = new int[ExpiryNotice.values().length];
        for (ApiKeyEntity key : store.dueForNotice(realmId, ExpiryNotice.horizon(now))) {
            Optional<ExpiryNotice> notice = ExpiryNotice.due(now, key.getCreatedAt(), key.getExpiresAt());
            if (notice.isEmpty() || !claim(store, key, notice.get(), now)) {
                continue;
            }
            RealmModel keyRealm = realm != null ? realm : session.realms().getRealm(key.getRealmId());
            if (keyRealm != null) {
                emit(keyRealm, key, notice.get(), now);
                sent[notice.get().ordinal()]++;
            }
        }
        int deleted = store.deleteExpiredBefore(realmId, ExpiryNotice.deletionCutoff(now));
        return new Result(sent[ExpiryNotice.REMINDER_14.ordinal()], sent[ExpiryNotice.REMINDER_3.ordinal()],
                sent[ExpiryNotice.EXPIRED.ordinal()], deleted);
    }

    /** True for the one pass whose conditional update set the notice's column. */
    private static boolean claim(ApiKeyStore store, ApiKeyEntity key, ExpiryNotice notice, long now) {
        return switch (notice) {
            case REMINDER_14 -> key.getReminded14At() == null && store.markReminded14(key.getKeyId(), now);
            case REMINDER_3 -> key.getReminded3At() == null && store.markReminded3(key.getKeyId(), now);
            case EXPIRED -> key.getExpiredNotifiedAt() == null && store.markExpiredNotified(key.getKeyId(), now);
        };
    }

    /** Key id, label, days left and expiry only: never the secret or its hash. */
    private void emit(RealmModel realm, ApiKeyEntity key, ExpiryNotice notice, long now) {
        new EventBuilder(realm, session)
                .event(EventType.CUSTOM_REQUIRED_ACTION)
                .user(key.getUserId())
                .detail(Details.CUSTOM_REQUIRED_ACTION, ApiKeyEvents.EXPIRY_ACTION)
                .detail(Details.CREDENTIAL_TYPE, ApiKeyEvents.CREDENTIAL_TYPE)
                .detail(ApiKeyEvents.DETAIL_NOTICE, notice.detail())
                .detail(ApiKeyEvents.DETAIL_KEY_ID, key.getKeyId())
                .detail(ApiKeyEvents.DETAIL_LABEL, key.getLabel())
                .detail(ApiKeyEvents.DETAIL_DAYS_LEFT, Long.toString(ExpiryNotice.daysLeft(now, key.getExpiresAt())))
                .detail(ApiKeyEvents.DETAIL_EXPIRES_AT, Long.toString(key.getExpiresAt()))
                .success();
    }
}
