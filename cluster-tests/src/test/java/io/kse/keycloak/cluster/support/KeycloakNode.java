package io.kse.keycloak.cluster.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Keycloak server process started with {@code kc.sh start --optimized} from its own copy of the built
 * distribution (nodes must not share {@code data/}: transaction logs and temp files live there). Each start writes
 * its own log file, {@code <name>-<n>.log}.
 */
public final class KeycloakNode {

    /** Generous: on a busy 2-core machine a first start (schema creation) took 4 minutes. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

    private final String name;
    private final Path home;
    private final List<String> options;
    private final Path logDir;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    KeycloakNode(String name, Path home, Path logDir, int httpPort, int managementPort, List<String> options) {
        this.name = name;
        this.home = home;
        this.logDir = logDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.options = List.copyOf(options);
    }

    public String name() {
        return name;
    }

    /** This node's own address (not the shared hostname): requests sent here are served by this node. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Every log file this node wrote, one per start. */
    public synchronized List<Path> logs() {
        return List.copyOf(logs);
    }

    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running");
        }
        Path log = logDir.resolve(name + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx640m");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        waitUntilReady();
    }

    private void waitUntilReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
                        + Processes.tail(logs.get(logs.size() - 1)));
            }
            if (isReady()) {
                return;
            }
            sleep(1000);
        }
        throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT + ":\n" + Processes.tail(logs.get(logs.size() - 1)));
    }

    /** {@code /health/ready} on the management port answers 200 (database reachable, caches up). */
    public boolean isReady() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The JVM's process id (kc.sh runs java as its child), to tell whether a node was restarted. */
    public synchronized Optional<Long> javaPid() {
        if (process == null) {
            return Optional.empty();
        }
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    /** SIGKILL to the JVM and the script: no shutdown hooks, no graceful leave, leases stay where they are. */
    public synchronized void kill9() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(process, 30);
        process = null;
    }

    /** SIGTERM to kc.sh, which forwards it to the JVM; SIGKILL if it has not ended in 30 s. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!waitFor(process, 30)) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(process, 10);
        }
        children.forEach(child -> child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join());
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    private static boolean waitFor(Process process, int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + url() + ")";
    }
}
