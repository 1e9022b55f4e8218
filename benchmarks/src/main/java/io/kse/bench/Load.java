package io.kse.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: operations start on a fixed schedule ({@code rate} per second) whatever the server's answers, so a
 * slow server cannot slow the generator down (no coordinated omission). At most {@code maxInFlight} operations run at
 * once; an arrival that finds them all busy is shed and counted, so at a rate above capacity the completions per
 * second are the server's saturation throughput. Latency is measured from the scheduled start.
 */
final class Load {

    record Result(String name, double seconds, long ok, long errors, long shed, double[] latenciesMs, String firstError) {

        double throughput() {
            return ok / seconds;
        }

        double p50() {
            return percentile(latenciesMs, 50);
        }

        double p95() {
            return percentile(latenciesMs, 95);
        }
    }

    private Load() {
    }

    static Result run(String name, double rate, int maxInFlight, double seconds, Callable<Boolean> operation)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(maxInFlight);
        Semaphore slots = new Semaphore(maxInFlight);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Double> latencies = new ArrayList<>();
        long shed = 0;
        for (long n = 0; ; n++) {
            long intended = start + n * interval;
            if (intended >= end) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire()) {
                shed++;
                continue;
            }
            workers.execute(() -> {
                boolean success;
                try {
                    success = operation.call();
                } catch (Exception e) {
                    success = false;
                    firstError.compareAndSet(null, e.toString());
                }
                long done = System.nanoTime();
                // Only what completes inside the window counts towards throughput.
                if (done <= end) {
                    if (success) {
                        ok.incrementAndGet();
                        synchronized (latencies) {
                            latencies.add((done - intended) / 1e6);
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                }
                slots.release();
            });
        }
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.MINUTES);
        double[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        return new Result(name, seconds, ok.get(), errors.get(), shed, sorted, firstError.get());
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(double... values) {
        double[] copy = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (copy.length == 0) {
            return Double.NaN;
        }
        int mid = copy.length / 2;
        return copy.length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    }
}
