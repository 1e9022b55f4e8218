package io.kse.keycloak.it.support;

import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.realm.UserConfig;

/** A plain user whose password meets the template's policy (the realm refuses any other at creation). */
public final class PolicyCompliantUser implements UserConfig {

    public static final String PASSWORD = SecretLedger.record(SecretLedger.Kind.PASSWORD, "Kse-it-Passw0rd!");

    @Override
    public UserBuilder configure(UserBuilder user) {
        return user.username("alice")
                .name("Alice", "Tester")
                .email("alice@kse.test")
                .emailVerified(true)
                .password(PASSWORD);
    }
}
