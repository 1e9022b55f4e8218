package io.kse.keycloak.mfa.admin;

import java.util.regex.Pattern;

/** What may be a user id in a path: Keycloak's UUIDs and federated ids ("f:provider:id"); nothing else is looked up. */
final class UserIds {

    static final int MAX_LENGTH = 255;
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9:_.@-]{1," + MAX_LENGTH + "}");

    private UserIds() {
    }

    static boolean wellFormed(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }
}
