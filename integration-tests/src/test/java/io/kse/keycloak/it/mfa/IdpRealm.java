package io.kse.keycloak.it.mfa;

import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/**
 * A second realm on the same server that acts as the OpenID Connect identity provider of the template realm: one
 * confidential client for the broker and one user per scenario, with fixed ids so that the template realm can link
 * accounts to them before their first brokered login.
 */
public final class IdpRealm implements RealmConfig {

    static final String CLIENT_ID = "kse-broker";
    static final String CLIENT_SECRET = "kse-broker-secret";
    static final String PASSWORD = "Idp-user-Passw0rd!";

    /** Gets admin in the template realm through the identity provider's hard-coded role mapper, at the first login. */
    static final String NEW_ADMIN = "new-admin";
    /** Linked in advance to an admin with an authenticator app. */
    static final String LINKED_ADMIN = "linked-admin";
    static final String LINKED_ADMIN_ID = "7d1c0f7e-0b1a-4c55-9d43-1b2f6b8a0001";
    /** Linked in advance to an admin, through the identity provider without a post login flow. */
    static final String PLAIN_ADMIN = "plain-admin";
    static final String PLAIN_ADMIN_ID = "7d1c0f7e-0b1a-4c55-9d43-1b2f6b8a0002";
    /** New, unprivileged, through the identity provider without a post login flow. */
    static final String PLAIN_DEVELOPER = "plain-developer";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.clients(ClientBuilder.create()
                        .clientId(CLIENT_ID)
                        .secret(CLIENT_SECRET)
                        .redirectUris("*"))
                .users(user(NEW_ADMIN, null), user(LINKED_ADMIN, LINKED_ADMIN_ID), user(PLAIN_ADMIN, PLAIN_ADMIN_ID),
                        user(PLAIN_DEVELOPER, null));
    }

    private static UserBuilder user(String username, String id) {
        UserBuilder user = UserBuilder.create()
                .username(username)
                .name(username, "Brokered")
                .email(username + "@idp.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD);
        return id == null ? user : user.id(id);
    }
}
