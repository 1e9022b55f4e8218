package io.kse.keycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.kse.keycloak.cluster.support.Await;
import io.kse.keycloak.cluster.support.Cluster;
import io.kse.keycloak.cluster.support.ClusterExtension;
import io.kse.keycloak.cluster.support.KeycloakNode;
import io.kse.keycloak.cluster.support.Kse;
import io.kse.keycloak.cluster.support.Outbox;
import io.kse.keycloak.cluster.support.SmtpClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the node that is in the middle of sending (SMTP stalls, so its worker sits on a claimed row): the other
 * node takes the row over once the lease ends, every notice is delivered, none twice.
 */
@Order(2)
@ExtendWith(ClusterExtension.class)
class NodeCrashIT {

    private static Cluster cluster;
    private static Kse kse;
    private static Outbox outbox;

    @BeforeAll
    static void cluster() {
        cluster = Cluster.get();
        kse = cluster.kse;
        outbox = new Outbox(cluster.postgres);
    }

    @Test
    void killingTheNodeThatHoldsClaimedNotificationsLosesNoneAndDuplicatesNone() {
        int n = 6;
        List<String> ids = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(kse.createUser(cluster.a, "crash-" + i));
            addresses.add(Kse.email("crash-" + i));
        }
        cluster.mail.stall();
        String adminA = kse.adminToken(cluster.a);
        String adminB = kse.adminToken(cluster.b);
        for (int i = 0; i < n; i++) {
            KeycloakNode node = i % 2 == 0 ? cluster.a : cluster.b;
            assertThat(kse.resetPassword(node, node == cluster.a ? adminA : adminB, ids.get(i), Kse.newPassword(i)).status())
                    .isEqualTo(204);
        }

        // A node whose worker is connected to the stalled SMTP server holds a claimed row.
        assertThat(Await.until(Duration.ofSeconds(30), () -> !connectedNodes().isEmpty() && !outbox.leased().isEmpty()))
                .as("a node is stuck in SMTP with a claimed row").isTrue();
        KeycloakNode victim = connectedNodes().get(0);
        KeycloakNode survivor = cluster.other(victim);
        Cluster.log("kill -9 %s while rows %s are claimed", victim, outbox.leased());
        long killed = System.currentTimeMillis();
        victim.kill9();

        // The survivor's own attempts time out (5 s) and release their claims; the dead node's claims stay until
        // their lease ends. Claims taken before the kill and still held after that are the dead node's.
        Await.until(Duration.ofSeconds(8), () -> false);
        Set<String> deadClaims = outbox.leased().stream()
                .filter(row -> row.leaseUntil() <= killed + Cluster.LEASE_SECONDS * 1000L)
                .map(Outbox.Row::id).collect(Collectors.toSet());
        assertThat(deadClaims).as("rows claimed by the killed node").isNotEmpty();
        cluster.mail.start();

        assertThat(Await.until(Duration.ofSeconds(Cluster.LEASE_SECONDS + 90), () -> cluster.mail.countsFor(addresses)
                .values().stream().allMatch(c -> c >= 1)))
                .as("%s delivered every notice alone: %s", survivor, cluster.mail.countsFor(addresses)).isTrue();
        Await.until(Duration.ofSeconds(5), () -> false);
        assertThat(cluster.mail.countsFor(addresses)).allSatisfy((address, count) -> assertThat(count).as(address).isEqualTo(1));
        assertThat(outbox.rowsFor(addresses)).hasSize(n).allSatisfy(row -> assertThat(row.status()).isEqualTo("SENT"));
        assertThat(outbox.rowsFor(addresses).stream().map(Outbox.Row::id)).as("the dead node's rows were taken over")
                .containsAll(deadClaims);
        assertThat(survivor.isReady()).isTrue();

        long restart = System.currentTimeMillis();
        victim.start();
        Cluster.log("%s restarted in %d s", victim, (System.currentTimeMillis() - restart) / 1000);
        assertThat(victim.isReady()).isTrue();
        assertThat(kse.passwordGrant(victim, "crash-0", Kse.PASSWORD, null).status())
                .as("the restarted node serves logins (old password was reset)").isIn(400, 401);
        assertThat(cluster.mail.countsFor(addresses)).as("nothing sent again after the restart")
                .allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
    }

    /** Nodes whose JVM has a TCP connection to the SMTP port (found with {@code ss}). */
    private static List<KeycloakNode> connectedNodes() {
        Set<Long> pids = SmtpClients.pidsConnectedTo(cluster.mail.port());
        List<KeycloakNode> nodes = new ArrayList<>();
        for (KeycloakNode node : cluster.nodes()) {
            Optional<Long> pid = node.javaPid();
            if (pid.isPresent() && pids.contains(pid.get())) {
                nodes.add(node);
            }
        }
        return nodes;
    }
}
