package io.kse.keycloak.mfa;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * Direct-grant step after the conditional OTP subflow. The password grant can carry only an OTP, so a user who needs
 * MFA and did not pass the OTP step (no authenticator app, or only a passkey) is refused rather than let through.
 */
final class EnforceMfaDirectGrantAuthenticator implements Authenticator {

    static final String NO_FACTOR = "Multi-factor authentication is required for this account. Sign in through the "
            + "browser once to set up an authenticator app, then send its code in the 'otp' parameter.";
    static final String PASSKEY_ONLY = "Multi-factor authentication is required for this account, and a passkey "
            + "cannot be used with the password grant. Sign in through the browser, or add an authenticator app and "
            + "send its code in the 'otp' parameter.";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (SecondFactors.usedIn(context.getAuthenticationSession())) {
            SecondFactors.markSession(context.getSession(), context.getAuthenticationSession());
            context.success();
            return;
        }
        UserModel user = context.getUser();
        EnforceMfaConfig config = EnforceMfaConfig.of(context.getAuthenticatorConfig());
        if (!config.requirement().appliesTo(context.getRealm(), user)) {
            context.success();
            return;
        }
        boolean passkeyOnly = SecondFactors.hasType(user, WebAuthnCredentialModel.TYPE_PASSWORDLESS)
                || SecondFactors.hasType(user, WebAuthnCredentialModel.TYPE_TWOFACTOR);
        context.getEvent().user(user).error(Errors.NOT_ALLOWED);
        // Not INVALID_CREDENTIALS: the password was right, so this must not count towards brute-force lockout.
        context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED, Response.status(Response.Status.BAD_REQUEST)
                .entity(new OAuth2ErrorRepresentation(OAuthErrorException.INVALID_GRANT, passkeyOnly ? PASSKEY_ONLY : NO_FACTOR))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // The direct grant has no second round trip.
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing a password grant could act on.
    }

    @Override
    public void close() {
        // Stateless.
    }
}
