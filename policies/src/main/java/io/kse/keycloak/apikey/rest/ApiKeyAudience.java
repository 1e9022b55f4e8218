package io.kse.keycloak.apikey.rest;

import org.keycloak.representations.AccessToken;

/**
 * Which access tokens the self-service API accepts: those issued to the realm's {@value #CLIENT_ID} client (the
 * self-service page) and those whose audience names it (apps given an Audience mapper for it on purpose). A token
 * an unrelated app obtained for itself is refused, so that app cannot create keys for its users.
 */
final class ApiKeyAudience {

    /** Client id of the self-service page in the realm template, and the audience other callers need. */
    static final String CLIENT_ID = "kse-api-keys";

    private ApiKeyAudience() {
    }

    static boolean accepts(AccessToken token) {
        return CLIENT_ID.equals(token.getIssuedFor()) || token.hasAudience(CLIENT_ID);
    }
}
