package io.kse.keycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kse.keycloak.cluster.support.Cluster;
import io.kse.keycloak.cluster.support.ClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduled API-key maintenance runs once per interval in the cluster, not once per node: both nodes' timers
 * tick every minute here ({@link Cluster#MAINTENANCE_INTERVAL_MINUTES}), throughout the whole run (including the
 * node crash, database and SMTP outages), and each completed pass logs one line. Runs last, to see the longest
 * stretch of time.
 */
@Order(5)
@ExtendWith(ClusterExtension.class)
class ScheduledMaintenanceIT {

    private static final Pattern LINE = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}).*API-key maintenance: ");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    /** A pass logs right after it ran: a line this close after an interval boundary may belong to the interval before. */
    private static final long LOG_DELAY_MILLIS = 3000;

    private static Cluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = Cluster.get();
    }

    @Test
    void theScheduledPassRunsOncePerIntervalInTheCluster() {
        long interval = Cluster.MAINTENANCE_INTERVAL_MINUTES * 60_000L;
        List<String> lines = cluster.logLines("API-key maintenance: ");
        Map<Long, String> byInterval = new TreeMap<>();
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            assertThat(matcher.find()).as(line).isTrue();
            long at = LocalDateTime.parse(matcher.group(1), TIME).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            long slot = Math.floorDiv(at, interval);
            if (byInterval.containsKey(slot) && at - slot * interval < LOG_DELAY_MILLIS && !byInterval.containsKey(slot - 1)) {
                slot--;
            }
            String previous = byInterval.put(slot, line);
            assertThat(previous).as("two passes in one interval:%n%s%n%s", previous, line).isNull();
        }
        long minutes = (System.currentTimeMillis() - cluster.startedMillis()) / interval;
        Cluster.log("%d scheduled passes in %d intervals: %s", byInterval.size(), minutes, lines);
        assertThat(lines.stream().filter(l -> l.startsWith(cluster.a.name())).count()
                + lines.stream().filter(l -> l.startsWith(cluster.b.name())).count()).isEqualTo(lines.size());
        assertThat(byInterval.size()).as("the job really ran, about once per interval over %d intervals", minutes)
                .isGreaterThanOrEqualTo((int) (minutes / 2));
    }
}
