package io.kse.keycloak.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The system under test, started once per test JVM: a private PostgreSQL, GreenMail, and two Keycloak nodes built
 * once ({@code kc.sh build --db=postgres}) and started with
 * {@code start --optimized} with identical settings except their own ports. Both use one shared hostname (as behind a
 * load balancer), so a token issued by one node is valid on the other. Everything is stopped by a shutdown hook too.
 */
public final class Cluster {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "Cluster-admin-Passw0rd!";
    /** The API-key pepper: must be identical on every node, or keys made on one fail on the other. */
    static final String PEPPER = "kse-cluster-test-pepper-0123456789abcdef";
    /** Short enough to watch several passes, long enough that a pass never overlaps the next interval. */
    public static final int MAINTENANCE_INTERVAL_MINUTES = 1;
    /** Must exceed the realm's SMTP timeouts (5 s, see {@link RealmSetup}). */
    public static final int LEASE_SECONDS = 60;

    private static Cluster instance;
    private static RuntimeException failure;

    public final PrivatePostgres postgres;
    public final MailServer mail;
    public final KeycloakNode a;
    public final KeycloakNode b;
    public final Kse kse;
    private final Path work;
    private final long startedMillis;

    private Cluster() {
        this.work = Path.of(System.getProperty("cluster.work", "target/cluster")).toAbsolutePath();
        prepareWorkDir();
        this.postgres = new PrivatePostgres(work.resolve("postgres"));
        this.mail = new MailServer();
        Path dist = Path.of(System.getProperty("keycloak.home")).toAbsolutePath();

        long start = System.currentTimeMillis();
        Processes.run(work.resolve("build.log"), dist, List.of(dist.resolve("bin/kc.sh").toString(), "build",
                "--db=postgres", "--health-enabled=true"), 600);
        log("kc.sh build: %d s", (System.currentTimeMillis() - start) / 1000);

        int httpA = Ports.free();
        int httpB = Ports.free();
        String hostname = "http://127.0.0.1:" + httpA;
        this.a = node("node-a", dist, httpA, hostname);
        this.b = node("node-b", dist, httpB, hostname);
        this.kse = new Kse(this);
        this.startedMillis = System.currentTimeMillis();
    }

    /**
     * The running cluster with the realm set up; the first call starts it (2-4 minutes on an idle machine). If that
     * fails, everything started is stopped and every later call fails with the same cause, so no test runs against a
     * half-started cluster.
     */
    public static synchronized Cluster get() {
        if (failure != null) {
            throw new IllegalStateException("the cluster did not start", failure);
        }
        if (instance == null) {
            Cluster cluster = null;
            try {
                cluster = new Cluster();
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopAll, "cluster-shutdown"));
                cluster.startAll();
                instance = cluster;
            } catch (RuntimeException e) {
                failure = e;
                if (cluster != null) {
                    cluster.stopAll();
                }
                throw e;
            }
        }
        return instance;
    }

    /** Called at the end of the test plan (and by the shutdown hook, whichever comes first). */
    static synchronized void shutDown() {
        if (instance != null) {
            instance.stopAll();
        }
    }

    private void startAll() {
        long start = System.currentTimeMillis();
        postgres.init();
        postgres.start();
        postgres.createDatabase();
        mail.start();
        a.start();
        log("%s ready after %d s", a, (System.currentTimeMillis() - start) / 1000);
        b.start();
        log("%s ready after %d s", b, (System.currentTimeMillis() - start) / 1000);
        RealmSetup.apply(this);
        log("cluster and realm ready after %d s", (System.currentTimeMillis() - start) / 1000);
    }

    synchronized void stopAll() {
        for (KeycloakNode node : List.of(a, b)) {
            try {
                node.stop();
            } catch (RuntimeException e) {
                System.err.println("could not stop " + node + ": " + e.getMessage());
            }
        }
        mail.stopQuietly();
        postgres.stopQuietly();
    }

    public List<KeycloakNode> nodes() {
        return List.of(a, b);
    }

    public KeycloakNode other(KeycloakNode node) {
        return node == a ? b : a;
    }

    /** Lines of every log the nodes wrote that contain {@code text}, with the node's name in front. */
    public List<String> logLines(String text) {
        List<String> lines = new ArrayList<>();
        for (KeycloakNode node : nodes()) {
            for (Path log : node.logs()) {
                try (Stream<String> stream = Files.lines(log, StandardCharsets.UTF_8)) {
                    stream.filter(l -> l.contains(text)).forEach(l -> lines.add(node.name() + " " + l));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    private KeycloakNode node(String name, Path dist, int httpPort, String hostname) {
        Path home = work.resolve(name);
        copyDistribution(dist, home);
        int management = Ports.free();
        int jgroups = Ports.freeWithNeighbour(100);
        List<String> options = new ArrayList<>(List.of(
                // Run-time options in 26.7 (the defaults of production mode, spelled out as the README asks).
                "--cache=ispn",
                "--cache-stack=jdbc-ping",
                "--db-url=" + postgres.url(),
                "--db-username=" + PrivatePostgres.USER,
                "--db-password=unused-with-trust-auth",
                "--hostname=" + hostname,
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + management,
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroups,
                "--bootstrap-admin-username=" + ADMIN,
                "--bootstrap-admin-password=" + ADMIN_PASSWORD,
                "--spi-kse-api-keys--default--pepper=" + PEPPER,
                "--spi-kse-api-keys--default--maintenance-interval-minutes=" + MAINTENANCE_INTERVAL_MINUTES,
                "--spi-events-listener--kse-security-notifications--poll-interval-seconds=1",
                "--spi-events-listener--kse-security-notifications--lease-seconds=" + LEASE_SECONDS,
                "--spi-events-listener--kse-security-notifications--backoff-base-seconds=2",
                "--spi-events-listener--kse-security-notifications--backoff-max-seconds=10",
                "--spi-events-listener--kse-security-notifications--max-attempts=1000",
                "--spi-events-listener--kse-security-notifications--coalesce-seconds=0",
                "--spi-events-listener--kse-security-notifications--rate-limit-per-hour=1000"));
        return new KeycloakNode(name, home, work, httpPort, management, options);
    }

    /** Hard links of the built distribution, with a private data directory holding the password denylist. */
    private void copyDistribution(Path dist, Path home) {
        Processes.run(work.resolve("copy.log"), work, List.of("cp", "-al", dist.toString(), home.toString()), 120);
        Path data = home.resolve("data");
        try {
            if (Files.exists(data)) {
                try (Stream<Path> paths = Files.walk(data)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Path lists = Files.createDirectories(data.resolve("password-blacklists"));
            Path source = Path.of(System.getProperty("kse.denylist.dir"));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, lists.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void prepareWorkDir() {
        Path work = Path.of(System.getProperty("cluster.work", "target/cluster")).toAbsolutePath();
        Path pidFile = work.resolve("postgres/data/postmaster.pid");
        if (Files.exists(pidFile)) {
            new PrivatePostgres(work.resolve("postgres")).stopQuietly();
        }
        if (Files.exists(work)) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long startedMillis() {
        return startedMillis;
    }

    public static void log(String format, Object... args) {
        System.out.printf("[cluster %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
