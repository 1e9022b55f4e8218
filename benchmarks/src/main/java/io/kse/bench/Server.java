package io.kse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Keycloak home unpacked from the official distribution zip, optionally with the bundle installed the way the
 * root README tells users to (jar into providers/, denylist into data/password-blacklists/), built once with
 * {@code kc.sh build} and started in production mode with {@code start --optimized}.
 */
final class Server {

    static final int HTTP_PORT = 28080;
    static final int MANAGEMENT_PORT = 28180;
    static final String BASE = "http://127.0.0.1:" + HTTP_PORT;

    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final Path home;
    private final String name;
    private final Path logDir;
    private Process process;
    private Path log;

    Server(Path home, String name, Path logDir) {
        this.home = home;
        this.name = name;
        this.logDir = logDir;
    }

    String name() {
        return name;
    }

    /** Unpacks the distribution zip (top folder stripped), keeping the scripts executable. */
    static Server unpack(Path zip, Path home, String name, Path logDir) throws IOException {
        deleteTree(home);
        Files.createDirectories(home);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String entryName = entry.getName();
                int slash = entryName.indexOf('/');
                if (slash < 0 || slash == entryName.length() - 1) {
                    continue;
                }
                Path target = home.resolve(entryName.substring(slash + 1)).normalize();
                if (!target.startsWith(home)) {
                    throw new IOException("zip entry outside the target: " + entryName);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        try (var scripts = Files.list(home.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        return new Server(home, name, logDir);
    }

    void installBundle(Path bundleJar, Path realmConfigJar) throws IOException {
        Files.createDirectories(home.resolve("providers"));
        Files.copy(bundleJar, home.resolve("providers/keycloak-security-essentials.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path denylists = home.resolve("data/password-blacklists");
        Files.createDirectories(denylists);
        try (ZipFile file = new ZipFile(realmConfigJar.toFile())) {
            ZipEntry entry = file.getEntry("password-blacklists/kse-denylist.txt");
            try (InputStream in = file.getInputStream(entry)) {
                Files.copy(in, denylists.resolve("kse-denylist.txt"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code kc.sh build} for PostgreSQL with health checks, in the background. */
    Process startBuild() throws IOException {
        return new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--health-enabled=true")
                .redirectErrorStream(true).redirectOutput(logDir.resolve("kc-build-" + name + ".log").toFile()).start();
    }

    /** Starts {@code start --optimized}; returns at once. {@code extra} are further server options. */
    void start(String database, String tag, List<String> extra, String jfrFile) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + HTTP_PORT,
                "--http-management-port=" + MANAGEMENT_PORT, "--hostname-strict=false",
                "--db-url=jdbc:postgresql://127.0.0.1:5432/" + database, "--db-username=postgres", "--db-password=postgres",
                "--bootstrap-admin-username=admin", "--bootstrap-admin-password=admin"));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        log = logDir.resolve("keycloak-" + name + "-" + tag + ".log");
        builder.redirectOutput(log.toFile());
        // A fixed heap, the same for every run, instead of 70 % of this machine's RAM (kc.sh's default).
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms512m -Xmx1g");
        if (jfrFile != null) {
            builder.environment().put("JAVA_OPTS_APPEND",
                    "-XX:StartFlightRecording=filename=" + jfrFile + ",settings=default,dumponexit=true");
        }
        process = builder.start();
    }

    /** Polls /health/ready every 100 ms; returns the seconds from {@link #start} until ready. */
    double awaitReady(long startNanos, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak (" + name + ") exited; see " + log);
            }
            try {
                HttpResponse<String> response = Http.CLIENT.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return (System.nanoTime() - startNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Keycloak (" + name + ") not ready in " + timeout + "; see " + log);
    }

    /** The server JVM: kc.sh runs java as its child in start mode. */
    ProcessHandle jvm() {
        Optional<ProcessHandle> child = process.toHandle().children().findFirst();
        return child.orElse(process.toHandle());
    }

    /** Full GC, then the used heap in MiB (jcmd GC.heap_info). */
    double heapAfterGcMiB() throws Exception {
        long pid = jvm().pid();
        run(List.of(jcmd(), Long.toString(pid), "GC.run"));
        Thread.sleep(500);
        String info = run(List.of(jcmd(), Long.toString(pid), "GC.heap_info"));
        Matcher matcher = HEAP_USED.matcher(info);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info);
        }
        return Long.parseLong(matcher.group(2)) / 1024.0;
    }

    /** The live objects by class (jcmd GC.class_histogram), written to {@code file} for comparing with and without. */
    void classHistogram(Path file) throws Exception {
        Files.writeString(file, run(List.of(jcmd(), Long.toString(jvm().pid()), "GC.class_histogram")));
    }

    /** Resident set size of the server JVM in MiB (from /proc). */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + jvm().pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** SIGTERM to kc.sh, which forwards it to java (a JFR recording is dumped on the way out). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        ProcessHandle java = jvm();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        java.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        if (java.isAlive()) {
            java.destroyForcibly();
        }
        process = null;
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
