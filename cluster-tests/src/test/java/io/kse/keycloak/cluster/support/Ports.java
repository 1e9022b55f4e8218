package io.kse.keycloak.cluster.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports in 28000-28999, away from the dev server (8080, 2525) and the other test suite (18080, 3025).
 * A JGroups port also needs its failure-detection port (bind port + 100) free.
 */
final class Ports {

    private static final int FIRST = 28000;
    private static final int LAST = 28899;
    private static final Set<Integer> TAKEN = new HashSet<>();

    private Ports() {
    }

    static synchronized int free() {
        return pick(0);
    }

    /** A port whose neighbour {@code port + offset} is free too. */
    static synchronized int freeWithNeighbour(int offset) {
        return pick(offset);
    }

    private static int pick(int offset) {
        int start = ThreadLocalRandom.current().nextInt(FIRST, LAST);
        for (int i = 0; i <= LAST - FIRST; i++) {
            int port = FIRST + (start - FIRST + i) % (LAST - FIRST + 1);
            if (!TAKEN.contains(port) && !TAKEN.contains(port + offset) && isFree(port) && (offset == 0 || isFree(port + offset))) {
                TAKEN.add(port);
                TAKEN.add(port + offset);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + LAST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
