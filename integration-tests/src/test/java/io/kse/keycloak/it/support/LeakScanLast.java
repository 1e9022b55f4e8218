package io.kse.keycloak.it.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The failsafe run's class order (junit-platform.properties): by name, except that classes whose name starts with
 * {@value #LAST_PREFIX} run after all others, because they inspect what the whole suite left behind.
 */
public final class LeakScanLast implements ClassOrderer {

    static final String LAST_PREFIX = "NoSecretLeaks";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((org.junit.jupiter.api.ClassDescriptor d) -> d.getTestClass().getSimpleName().startsWith(LAST_PREFIX))
                .thenComparing(d -> d.getTestClass().getName()));
    }
}
