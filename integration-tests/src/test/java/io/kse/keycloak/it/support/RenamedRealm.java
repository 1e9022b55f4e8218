package io.kse.keycloak.it.support;

import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/** Imports a template under another name, so that a test class can hold two profiles of the template at once. */
public abstract class RenamedRealm implements RealmConfig {

    private final String name;

    protected RenamedRealm(String name) {
        this.name = name;
    }

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.name(name);
    }
}
