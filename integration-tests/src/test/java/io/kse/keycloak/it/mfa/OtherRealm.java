package io.kse.keycloak.it.mfa;

import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/** A second realm on the same server, for cross-realm requests: one plain user. */
public final class OtherRealm implements RealmConfig {

    static final String USER = "stranger";
    static final String PASSWORD = "Other-realm-Passw0rd!";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.users(UserBuilder.create()
                .username(USER)
                .name("Stranger", "Other")
                .email(USER + "@other.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD));
    }
}
