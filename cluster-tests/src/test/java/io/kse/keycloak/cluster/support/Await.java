package io.kse.keycloak.cluster.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

public final class Await {

    private Await() {
    }

    /** Polls until true; false if the time ran out (the caller's assertion then says what was expected). */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            KeycloakNode.sleep(250);
        }
        return condition.getAsBoolean();
    }
}
