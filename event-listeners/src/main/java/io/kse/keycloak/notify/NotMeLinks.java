package io.kse.keycloak.notify;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Builds the "this wasn't me" link of a notice when the worker renders it, so the token is never stored (not in the
 * outbox, not in a log) and exists only in the mail.
 */
final class NotMeLinks {

    static final int SECONDS_PER_DAY = 86_400;

    private NotMeLinks() {
    }

    /**
     * The action-token URL for the user the notice is about, or empty when the notice is not user-facing or the
     * request that caused it left no frontend address.
     */
    static Optional<MailRenderer.NotMeLink> link(KeycloakSession session, RealmModel realm, OutboxEntity row, String linkBase,
                                 int lifetimeDays, int nowSeconds) {
        NotificationKind kind = NotificationKind.fromId(row.getKind());
        if (!kind.userFacing() || linkBase == null || linkBase.isBlank()) {
            return Optional.empty();
        }
        URI base = URI.create(linkBase);
        NotMeActionToken token = new NotMeActionToken(row.getSubjectUserId(), expiresAt(nowSeconds, lifetimeDays),
                row.getId());
        // DefaultActionToken.serialize() needs the request's UriInfo, which a worker thread lacks; this is what it does.
        String issuer = Urls.realmIssuer(base, realm.getName());
        token.issuedNow().id(UUID.randomUUID().toString()).issuer(issuer).audience(issuer);
        String encoded = session.tokens().encode(token);
        // Not Urls.actionTokenBuilder(): it adds client_id and tab_id, and JAX-RS refuses null query values.
        String url = Urls.loginActionsBase(base).path(LoginActionsService.class, "executeActionToken")
                .queryParam(Constants.KEY, encoded).build(realm.getName()).toString();
        return Optional.of(new MailRenderer.NotMeLink(url, lifetimeDays));
    }

    static int expiresAt(int nowSeconds, int lifetimeDays) {
        return Math.addExact(nowSeconds, Math.multiplyExact(lifetimeDays, SECONDS_PER_DAY));
    }
}
