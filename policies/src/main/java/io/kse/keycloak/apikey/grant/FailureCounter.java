package io.kse.keycloak.apikey.grant;

import java.time.Duration;

/**
 * A cluster-wide failure counter over fixed time windows, built from the only atomic operation the single-use store
 * offers: {@code putIfAbsent}. The n-th failure of a window claims slot n-1 ({@code <name>|<window>|<slot>}); the
 * counter is full when slot {@code limit-1} exists. Slots fill from 0 upwards and all outlive their window, so the used
 * slots are always a prefix and a binary search finds the first free one (about log2(limit) reads per failure, one read
 * per check). No node keeps state in its own memory.
 */
final class FailureCounter {

    /** The two operations used, so the arithmetic is unit-tested without a server. */
    interface Slots {
        boolean contains(String key);

        boolean putIfAbsent(String key, long lifespanSeconds);
    }

    private final Slots slots;
    private final long windowMillis;

    FailureCounter(Slots slots, Duration window) {
        this.slots = slots;
        this.windowMillis = window.toMillis();
    }

    /** The window a time falls into; windows are aligned to the epoch, the same on every node. */
    static long window(long nowMillis, long windowMillis) {
        return Math.floorDiv(nowMillis, windowMillis);
    }

    /** Slots live two windows, so even one claimed at the very start of a window outlives that window. */
    long lifespanSeconds() {
        return Math.max(1, 2 * windowMillis / 1000);
    }

    static String slotKey(String name, long window, int slot) {
        return name + "|" + window + "|" + slot;
    }

    /** Whether {@code name} already has {@code limit} failures in the window of {@code now}. */
    boolean isFull(String name, int limit, long now) {
        return slots.contains(slotKey(name, window(now, windowMillis), limit - 1));
    }

    /** Counts one failure; returns the count in this window, at most {@code limit} (further failures are not stored). */
    int record(String name, int limit, long now) {
        long window = window(now, windowMillis);
        int free = firstFree(name, window, limit);
        // A concurrent failure may take the slot between search and claim: move on to the next one.
        for (int slot = free; slot < limit; slot++) {
            if (slots.putIfAbsent(slotKey(name, window, slot), lifespanSeconds())) {
                return slot + 1;
            }
        }
        return limit;
    }

    private int firstFree(String name, long window, int limit) {
        int low = 0;
        int high = limit;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (slots.contains(slotKey(name, window, mid))) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
