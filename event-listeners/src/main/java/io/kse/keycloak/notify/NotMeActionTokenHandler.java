package io.kse.keycloak.notify;

import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;
import org.keycloak.TokenVerifier.Predicate;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.authentication.actiontoken.ActionTokenHandler;
import org.keycloak.authentication.actiontoken.TokenUtils;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Opens the "this wasn't me" link. A GET (the link in the mail) only shows a confirmation page, so mail scanners that
 * follow links change nothing; its form POSTs the same token back, and only that POST contains the account
 * ({@link NotMeContainment}). Keycloak verifies signature, expiry, realm, nonce and that the user exists and is enabled
 * before this handler runs, and refuses the link in a browser where another user is signed in
 * ("already authenticated as different user"); it adds the checks below.
 */
final class NotMeActionTokenHandler implements ActionTokenHandler<NotMeActionToken> {

    private static final long CLOCK_SKEW_SECONDS = 60;

    @Override
    public Response handleToken(NotMeActionToken token, ActionTokenContext<NotMeActionToken> context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!HttpMethod.POST.equals(context.getRequest().getHttpMethod())) {
            return page(context, authSession, "confirm", confirmUrl(context, authSession.getAuthNote(Constants.KEY)));
        }
        KeycloakSession session = context.getSession();
        // Marked first and atomically: of two concurrent confirmations, only one contains and alerts.
        long lifespan = Math.max(1, token.getExp() - Time.currentTime() + CLOCK_SKEW_SECONDS);
        if (!session.revokedTokens().put(token.serializeKey(), lifespan)) {
            return refuse(context, authSession, NotMe.MSG_USED);
        }
        NotMeContainment.contain(context, token);
        Response done = page(context, authSession, "done", null);
        new AuthenticationSessionManager(session).removeAuthenticationSession(context.getRealm(), authSession, true);
        return done;
    }

    /**
     * Keycloak 26.7 accepts action tokens by POST only at {@code login-actions/reset-credentials?key=}, which hands
     * any action token to the handler its action id names ({@code LoginActionsService#resetCredentialsPOST}); the
     * {@code action-token} path itself is GET only.
     */
    private static String confirmUrl(ActionTokenContext<NotMeActionToken> context, String tokenString) {
        return Urls.loginActionsBase(context.getUriInfo().getBaseUri())
                .path(LoginActionsService.class, "resetCredentialsPOST")
                .queryParam(Constants.KEY, tokenString)
                .build(context.getRealm().getName()).toString();
    }

    private static Response page(ActionTokenContext<NotMeActionToken> context, AuthenticationSessionModel authSession,
                                 String state, String confirmUrl) {
        return context.getSession().getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setAttribute(NotMe.BEAN, Map.of("state", state, "confirmUrl", confirmUrl == null ? "" : confirmUrl))
                .createForm(NotMe.TEMPLATE);
    }

    private static Response refuse(ActionTokenContext<NotMeActionToken> context, AuthenticationSessionModel authSession,
                                   String message) {
        context.getEvent().error(Errors.EXPIRED_CODE);
        new AuthenticationSessionManager(context.getSession()).removeAuthenticationSession(context.getRealm(),
                authSession, true);
        return context.getSession().getProvider(LoginFormsProvider.class).setError(message)
                .createErrorPage(Response.Status.BAD_REQUEST);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Predicate<? super NotMeActionToken>[] getVerifiers(ActionTokenContext<NotMeActionToken> context) {
        return new Predicate[] {
                // Before Keycloak's own single-use check, whose message ("Action expired") does not say what happened.
                TokenUtils.checkThat((NotMeActionToken t) -> !context.getSession().revokedTokens().contains(t.serializeKey()),
                        Errors.EXPIRED_CODE, NotMe.MSG_USED),
                TokenUtils.checkThat((NotMeActionToken t) -> boundToNotice(context, t), Errors.INVALID_CODE, NotMe.MSG_INVALID),
        };
    }

    /** The notice the link came with exists and is about this user in this realm. */
    private static boolean boundToNotice(ActionTokenContext<NotMeActionToken> context, NotMeActionToken token) {
        String id = token.getNotificationId();
        if (id == null || id.length() > 36) {
            return false;
        }
        EntityManager em = Outbox.em(context.getSession());
        OutboxEntity row = em.find(OutboxEntity.class, id);
        return row != null && row.getRealmId().equals(context.getRealm().getId())
                && row.getSubjectUserId().equals(token.getUserId());
    }

    @Override
    public Class<NotMeActionToken> getTokenClass() {
        return NotMeActionToken.class;
    }

    @Override
    public String getAuthenticationSessionIdFromToken(NotMeActionToken token,
                                                      ActionTokenContext<NotMeActionToken> context,
                                                      AuthenticationSessionModel currentAuthSession) {
        return token.getCompoundAuthenticationSessionId();
    }

    @Override
    public EventType eventType() {
        return EventType.CUSTOM_REQUIRED_ACTION;
    }

    @Override
    public String getDefaultEventError() {
        return Errors.INVALID_CODE;
    }

    @Override
    public String getDefaultErrorMessage() {
        return NotMe.MSG_INVALID;
    }

    @Override
    public AuthenticationSessionModel startFreshAuthenticationSession(NotMeActionToken token,
                                                                      ActionTokenContext<NotMeActionToken> context) {
        return context.createAuthenticationSessionForClient(null);
    }

    @Override
    public boolean canUseTokenRepeatedly(NotMeActionToken token, ActionTokenContext<NotMeActionToken> context) {
        return false;
    }

    @Override
    public void close() {
    }
}
