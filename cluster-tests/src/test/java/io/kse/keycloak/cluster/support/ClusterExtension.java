package io.kse.keycloak.cluster.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the cluster before the first test class and stops both nodes, GreenMail and PostgreSQL once the whole test
 * plan is done (a resource in the root store), also when tests failed; the JVM shutdown hook is the backup.
 */
public final class ClusterExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent("cluster", key -> {
            Cluster.get();
            return (AutoCloseable) Cluster::shutDown;
        }, AutoCloseable.class);
    }
}
