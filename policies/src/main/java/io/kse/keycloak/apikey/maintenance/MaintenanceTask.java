package io.kse.keycloak.apikey.maintenance;

import java.time.Duration;
import java.util.Map;

import org.keycloak.cluster.ClusterProvider;
import org.keycloak.cluster.ExecutionResult;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.timer.ScheduledTask;

/**
 * Runs on every node's timer (in a transaction, through Keycloak's ScheduledTaskRunner) and makes the pass happen once
 * per interval in the cluster: {@code executeIfNotExecuted} keeps two nodes from running it at the same time, and a
 * marker per interval in the replicated single-use store, written after a successful pass, stops later ticks. A lost
 * marker (whole cluster restarted) only means one more pass, which is harmless: every notice is claimed per key.
 */
final class MaintenanceTask implements ScheduledTask {

    static final String NAME = "kse-api-key-maintenance";
    /** A pass still "running" after this long is taken for dead (its node left), and another node may start one. */
    static final int LOCK_TIMEOUT_SECONDS = (int) Duration.ofMinutes(15).toSeconds();

    private static final System.Logger LOG = System.getLogger(MaintenanceTask.class.getName());

    private final long intervalMillis;

    MaintenanceTask(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        String marker = NAME + "|" + Math.floorDiv(now, intervalMillis);
        SingleUseObjectProvider markers = session.singleUseObjects();
        if (markers.contains(marker)) {
            return;
        }
        ExecutionResult<ApiKeyMaintenance.Result> result = session.getProvider(ClusterProvider.class)
                .executeIfNotExecuted(NAME, LOCK_TIMEOUT_SECONDS, () -> {
                    // Another node may have finished this interval's pass while this one waited for the lock.
                    if (markers.contains(marker)) {
                        return null;
                    }
                    ApiKeyMaintenance.Result done = new ApiKeyMaintenance(session).run(null, now);
                    markers.put(marker, Math.max(1, intervalMillis / 1000), Map.of());
                    return done;
                });
        if (result.isExecuted() && result.getResult() != null) {
            ApiKeyMaintenance.Result done = result.getResult();
            LOG.log(System.Logger.Level.INFO, "API-key maintenance: {0} 14-day and {1} 3-day reminders, {2} expiry"
                    + " notices, {3} keys deleted", done.reminded14(), done.reminded3(), done.expired(), done.deleted());
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
