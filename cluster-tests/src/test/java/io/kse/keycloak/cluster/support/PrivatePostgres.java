package io.kse.keycloak.cluster.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by the test (initdb + pg_ctl from {@code /usr/lib/postgresql/<v>/bin}, run as the
 * {@code postgres} user because initdb refuses root), on a free loopback port with its socket directory under
 * target/, so the fault tests can stop and start it for real. Trust authentication on loopback only.
 */
public final class PrivatePostgres {

    public static final String USER = "postgres";
    public static final String DATABASE = "keycloak";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path sockets;
    private final Path log;
    private final int port;

    PrivatePostgres(Path dir) {
        this.bin = findBin();
        this.dir = dir;
        this.data = dir.resolve("data");
        this.sockets = dir.resolve("sockets");
        this.log = dir.resolve("postgres.log");
        this.port = Ports.free();
    }

    /** Newest installed server; CI installs the {@code postgresql} package when none is. */
    static Path findBin() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server in " + root + " (apt-get install postgresql)"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server in " + root + " (apt-get install postgresql)", e);
        }
    }

    void init() {
        try {
            Files.createDirectories(sockets);
            Processes.run(dir.resolve("setup.log"), dir, List.of("chown", "-R", USER + ":" + USER, dir.toString()), 30);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        asPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), 120);
    }

    public void start() {
        asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start"), 90);
    }

    /** A fast shutdown: clients are disconnected, committed data stays. */
    public void stop() {
        asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
    }

    /** For the shutdown hook: never throws. */
    void stopQuietly() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t", "30",
                        "stop"), 40);
            } catch (RuntimeException e) {
                System.err.println("could not stop the private PostgreSQL: " + e.getMessage());
            }
        }
    }

    void createDatabase() {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database", e);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String url() {
        return url(DATABASE);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    private void asPostgres(List<String> command, long timeoutSeconds) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        full.addAll(command);
        Processes.run(dir.resolve("pg_ctl.log"), dir, full, timeoutSeconds);
    }
}
