package io.kse.keycloak.apikey.grant;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.representations.AccessToken;

/** What a key's restrictions do to the token Keycloak built for its owner. */
final class TokenRestrictions {

    private TokenRestrictions() {
    }

    /**
     * With a role restriction (non-null) the token carries only those realm roles, and only those the user still
     * holds (Keycloak computed the roles from the user's current mappings); client roles are dropped.
     */
    static void restrictRoles(AccessToken token, List<String> allowedRoles) {
        if (allowedRoles == null) {
            return;
        }
        AccessToken.Access realmAccess = token.getRealmAccess();
        if (realmAccess != null && realmAccess.getRoles() != null) {
            Set<String> kept = new HashSet<>(realmAccess.getRoles());
            kept.retainAll(allowedRoles);
            realmAccess.roles(kept);
        }
        token.setResourceAccess(null);
    }
}
