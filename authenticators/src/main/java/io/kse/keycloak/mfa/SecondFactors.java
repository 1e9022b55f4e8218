package io.kse.keycloak.mfa;

import java.util.List;
import java.util.Set;

import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/** What counts as a second factor, and how a session records that one was used. */
final class SecondFactors {

    /** User-session note: epoch second at which a second factor was used or enrolled in this session. */
    static final String SESSION_NOTE = "kse.mfa";

    /** Level of authentication for tokens of an MFA login; a password-only login is level 1 in Keycloak. */
    static final int MFA_LEVEL = 2;

    /** Credentials that make a user "enrolled". Recovery codes are a fallback, not an enrolment. */
    static final Set<String> ENROLLED_TYPES = Set.of(
            OTPCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR, WebAuthnCredentialModel.TYPE_PASSWORDLESS);

    /** Credentials whose successful use in this authentication proves a second factor. */
    static final Set<String> VERIFYING_TYPES = Set.of(
            OTPCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR, WebAuthnCredentialModel.TYPE_PASSWORDLESS,
            RecoveryAuthnCodesCredentialModel.TYPE);

    private SecondFactors() {
    }

    static boolean enrolled(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().anyMatch(c -> ENROLLED_TYPES.contains(c.getType()));
    }

    static boolean hasType(UserModel user, String type) {
        return user.credentialManager().getStoredCredentialsByTypeStream(type).findAny().isPresent();
    }

    /** Keycloak records each credential type an authenticator succeeded with (the basis of "Condition - Credential"). */
    static boolean usedIn(AuthenticationSessionModel authSession) {
        List<String> used = AuthenticatorUtil.getAuthnCredentials(authSession);
        return used.stream().anyMatch(VERIFYING_TYPES::contains);
    }

    /**
     * Records MFA for this login: the note survives into the user session (and its offline copy), and the level makes
     * Keycloak's acr mapper put an MFA acr into the tokens.
     */
    static void markSession(KeycloakSession session, AuthenticationSessionModel authSession) {
        authSession.setUserSessionNote(SESSION_NOTE, Integer.toString(Time.currentTime()));
        new AcrStore(session, authSession).setLevelAuthenticatedToCurrentRequest(MFA_LEVEL);
    }

    static boolean sessionHasMfa(UserSessionModel userSession) {
        return userSession.getNote(SESSION_NOTE) != null;
    }
}
