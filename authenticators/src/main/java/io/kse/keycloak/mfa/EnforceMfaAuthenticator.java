package io.kse.keycloak.mfa;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Browser step after the optional second-factor subflow. A user who needs MFA and has used a second factor passes; one
 * who has none gets the choice page, and the chosen method's required action (then recovery-code setup) runs before
 * the login completes. Every login that used a second factor is marked in its user session.
 */
final class EnforceMfaAuthenticator implements Authenticator {

    static final String FORM_FIELD = "kse-mfa-method";
    static final String TEMPLATE = "kse-mfa-choice.ftl";
    static final String METHODS_ATTRIBUTE = "kseMfaMethods";
    static final String INVALID_CHOICE = "kse-mfa-invalid-choice";
    static final String NOT_CHALLENGED = "kse-mfa-not-challenged";
    static final String UNAVAILABLE = "kse-mfa-unavailable";

    private static final System.Logger LOG = System.getLogger(EnforceMfaAuthenticator.class.getName());
    private static final String RECOVERY_CODES_ACTION = UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        boolean verified = SecondFactors.usedIn(authSession);
        if (verified) {
            SecondFactors.markSession(context.getSession(), authSession);
        }
        EnforceMfaConfig config = EnforceMfaConfig.of(context.getAuthenticatorConfig());
        if (!config.requirement().appliesTo(context.getRealm(), user)) {
            context.success();
            return;
        }
        if (SecondFactors.enrolled(user)) {
            if (verified) {
                requireRecoveryCodesIfMissing(context.getRealm(), user, authSession);
                context.success();
            } else {
                // Only a flow that does not challenge the user's factor gets here; passing would be a bypass.
                LOG.log(System.Logger.Level.WARNING, "User {0} has a second factor but the flow did not ask for it; "
                        + "check the flows of realm {1}", user.getId(), context.getRealm().getName());
                context.failureChallenge(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED,
                        context.form().setError(NOT_CHALLENGED).createErrorPage(Response.Status.FORBIDDEN));
            }
            return;
        }
        // A recovery code alone (the last factor was deleted) does not count as enrolled: the user enrols again.
        List<MfaMethod> offered = offered(context.getRealm(), config);
        if (offered.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "MFA is required for user {0} but the required action of none of {1} is "
                    + "enabled in realm {2}", user.getId(), config.methods(), context.getRealm().getName());
            context.failureChallenge(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED,
                    context.form().setError(UNAVAILABLE).createErrorPage(Response.Status.FORBIDDEN));
            return;
        }
        context.challenge(choicePage(context, offered, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        EnforceMfaConfig config = EnforceMfaConfig.of(context.getAuthenticatorConfig());
        List<MfaMethod> offered = offered(context.getRealm(), config);
        String value = context.getHttpRequest().getDecodedFormParameters().getFirst(FORM_FIELD);
        // The form value is client-controlled: accept only a method this page offered.
        Optional<MfaMethod> chosen = MfaMethod.fromId(value).filter(offered::contains);
        if (chosen.isEmpty()) {
            context.challenge(choicePage(context, offered, INVALID_CHOICE));
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.addRequiredAction(chosen.get().requiredAction());
        requireRecoveryCodesIfMissing(context.getRealm(), context.getUser(), authSession);
        // Required actions added here run before any code or token is issued, so the session is MFA once it is usable.
        SecondFactors.markSession(context.getSession(), authSession);
        context.success();
    }

    static List<MfaMethod> offered(RealmModel realm, EnforceMfaConfig config) {
        return config.methods().stream().filter(method -> enabled(realm, method.requiredAction())).toList();
    }

    private static void requireRecoveryCodesIfMissing(RealmModel realm, UserModel user, AuthenticationSessionModel authSession) {
        if (enabled(realm, RECOVERY_CODES_ACTION) && !SecondFactors.hasType(user, RecoveryAuthnCodesCredentialModel.TYPE)) {
            authSession.addRequiredAction(RECOVERY_CODES_ACTION);
        }
    }

    private static boolean enabled(RealmModel realm, String alias) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(alias);
        return action != null && action.isEnabled();
    }

    private static Response choicePage(AuthenticationFlowContext context, List<MfaMethod> offered, String error) {
        var form = context.form().setAttribute(METHODS_ATTRIBUTE, offered.stream().map(MfaMethod::id).toList());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
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
        // Enrolment is driven per login from authenticate(), not through the user's stored required actions.
    }

    @Override
    public void close() {
        // Stateless.
    }
}
