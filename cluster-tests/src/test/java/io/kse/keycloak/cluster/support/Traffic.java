package io.kse.keycloak.cluster.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** Requests sent in loops on background threads until stopped, each outcome recorded with its time. */
public final class Traffic {

    public record Outcome(String what, String node, long atMillis, int status, long millis) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Repeats {@code call(i)} (i = 0, 1, 2, …) with {@code pauseMillis} between calls. */
    public void loop(String what, long pauseMillis, Function<Integer, Outcome> call) {
        threads.submit(() -> {
            for (int i = 0; running.get(); i++) {
                try {
                    outcomes.add(call.apply(i));
                } catch (RuntimeException e) {
                    outcomes.add(new Outcome(what, "?", System.currentTimeMillis(), 0, 0));
                }
                pause(pauseMillis);
            }
        });
    }

    public static Outcome timed(String what, KeycloakNode node, Http.Reply reply) {
        return new Outcome(what, node.name(), System.currentTimeMillis() - reply.millis(), reply.status(), reply.millis());
    }

    public List<Outcome> stop() {
        running.set(false);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("traffic did not stop: a request hangs");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    public static void pause(long millis) {
        KeycloakNode.sleep(millis);
    }

    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
