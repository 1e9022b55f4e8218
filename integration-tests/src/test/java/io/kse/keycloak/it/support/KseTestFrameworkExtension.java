package io.kse.keycloak.it.support;

import java.util.List;

import org.keycloak.testframework.TestFrameworkExtension;
import org.keycloak.testframework.injection.Supplier;

/** Registers our server supplier with Keycloak's test framework (selected by {@code kc.test.server}). */
public final class KseTestFrameworkExtension implements TestFrameworkExtension {

    @Override
    public List<Supplier<?, ?>> suppliers() {
        return List.of(new PortableDistributionServerSupplier());
    }
}
