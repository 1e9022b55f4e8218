package io.kse.keycloak.notify;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;

/**
 * What confirming "this wasn't me" does, in the request's one transaction: end every session (browser, offline,
 * and every token issued so far through the user's not-before), revoke the user's API keys, make the next sign-in set
 * a new password, and record an event, which our listener turns into the alert to the realm's admins.
 *
 * <p>Second factors are kept on purpose: whoever knows the password could enrol their own device if the account had
 * none, so the next sign-in still needs the existing factor and then a new password. Recovery codes, which may have
 * been read by the intruder, must be generated anew where the realm offers that required action.
 */
final class NotMeContainment {

    static final String UPDATE_PASSWORD = UserModel.RequiredAction.UPDATE_PASSWORD.name();
    static final String RECOVERY_CODES_ACTION = "CONFIGURE_RECOVERY_AUTHN_CODES";
    static final String RECOVERY_CODES_CREDENTIAL = "recovery-authn-codes";

    private NotMeContainment() {
    }

    static void contain(ActionTokenContext<NotMeActionToken> context, NotMeActionToken token) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = session.users().getUserById(realm, token.getUserId());

        // Refresh and access tokens issued before now stop working, whatever session they belong to.
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        online.forEach(userSession -> AuthenticationManager.backchannelLogout(session, realm, userSession,
                context.getUriInfo(), context.getClientConnection(), context.getRequest().getHttpHeaders(), true));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        UserSessionManager sessions = new UserSessionManager(session);
        offline.forEach(sessions::revokeOfflineUserSession);

        String apiKeys = ApiKeyBridge.revokeAll(session, realm, user);

        List<String> required = new ArrayList<>();
        user.addRequiredAction(UPDATE_PASSWORD);
        required.add(UPDATE_PASSWORD);
        if (recoveryCodesRenewable(realm, user)) {
            user.addRequiredAction(RECOVERY_CODES_ACTION);
            required.add(RECOVERY_CODES_ACTION);
        }

        context.getEvent().event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                .detail(Details.CUSTOM_REQUIRED_ACTION, NotMe.ACTION_ID)
                .detail(NotMe.DETAIL_ACTION, NotMe.ACTION_VALUE)
                .detail(NotMe.DETAIL_NOTIFICATION, token.getNotificationId())
                .detail(NotMe.DETAIL_SESSIONS, Integer.toString(online.size()))
                .detail(NotMe.DETAIL_OFFLINE_SESSIONS, Integer.toString(offline.size()))
                .detail(NotMe.DETAIL_API_KEYS, apiKeys)
                .detail(NotMe.DETAIL_REQUIRED_ACTIONS, String.join(",", required))
                .success();
    }

    private static boolean recoveryCodesRenewable(RealmModel realm, UserModel user) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(RECOVERY_CODES_ACTION);
        return action != null && action.isEnabled()
                && user.credentialManager().isConfiguredFor(RECOVERY_CODES_CREDENTIAL);
    }
}
