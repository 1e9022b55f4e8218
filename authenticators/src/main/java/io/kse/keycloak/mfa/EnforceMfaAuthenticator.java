package io.kse.keycloak.mfa;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Browser step after the optional second-factor subflow. A user who needs MFA and has used a second factor passes; one
 * who has none gets the choice page (with "Not now" during a configured grace period), and the chosen method's required
 * action (then recovery-code setup) runs before the login completes. Every login that used a second factor is marked
 * in its user session, and is offered new recovery codes when few are left.
 */
final class EnforceMfaAuthenticator implements Authenticator {

    static final String FORM_FIELD = "kse-mfa-method";
    static final String TEMPLATE = "kse-mfa-choice.ftl";
    static final String METHODS_ATTRIBUTE = "kseMfaMethods";
    static final String INVALID_CHOICE = "kse-mfa-invalid-choice";
    static final String NOT_CHALLENGED = "kse-mfa-not-challenged";
    static final String UNAVAILABLE = "kse-mfa-unavailable";
    /** Choice-page value of "Not now", accepted only within the user's grace period. */
    static final String NOT_NOW = "not-now";
    static final String GRACE_DAYS_ATTRIBUTE = "kseMfaGraceDaysLeft";
    static final String GRACE_EVENT_DETAIL = "kse_mfa_grace_until";

    static final String PROMPT_TEMPLATE = "kse-recovery-codes-prompt.ftl";
    static final String PROMPT_FIELD = "kse-recovery-codes";
    static final String GENERATE = "generate";
    static final String LATER = "later";
    static final String CODES_LEFT_ATTRIBUTE = "kseRecoveryCodesLeft";

    /** Auth note: the page this step showed last, so that action() knows which answer to expect. */
    static final String PAGE_NOTE = "kse.mfa.page";
    static final String CHOICE_PAGE = "choice";
    static final String PROMPT_PAGE = "recovery-codes-prompt";

    /**
     * Auth note: the {@code credential_type} detail of the request that showed the prompt. Keycloak's recovery-code
     * form puts it on that request's event; the LOGIN event comes with the answer to the prompt, a new request, and
     * the notification listener reads "a recovery code was used" from that detail.
     */
    static final String PROMPT_CREDENTIAL_TYPE_NOTE = "kse.prompt.credential-type";

    private static final System.Logger LOG = System.getLogger(EnforceMfaAuthenticator.class.getName());

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        boolean verified = SecondFactors.usedIn(authSession);
        if (verified) {
            SecondFactors.markSession(context.getSession(), authSession);
        }
        EnforceMfaConfig config = EnforceMfaConfig.of(context.getAuthenticatorConfig());
        if (!config.requirement().appliesTo(realm, user)) {
            finish(context, verified);
            return;
        }
        if (SecondFactors.enrolled(user)) {
            if (verified) {
                requireRecoveryCodesIfMissing(realm, user, authSession);
                finish(context, true);
            } else {
                // Only a flow that does not challenge the user's factor gets here; passing would be a bypass.
                LOG.log(System.Logger.Level.WARNING, "User {0} has a second factor but the flow did not ask for it; "
                        + "check the flows of realm {1}", user.getId(), realm.getName());
                context.failureChallenge(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED,
                        context.form().setError(NOT_CHALLENGED).createErrorPage(Response.Status.FORBIDDEN));
            }
            return;
        }
        if (enrolmentPending(authSession)) {
            // The first broker login flow's step already had the user choose; the post broker login flow runs before
            // the required actions, so its step finds nothing enrolled yet. The choice stands, and it runs before any code.
            context.success();
            return;
        }
        // A recovery code alone (the last factor was deleted) does not count as enrolled: the user enrols again.
        List<MfaMethod> offered = offered(realm, config);
        if (offered.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "MFA is required for user {0} but the required action of none of {1} is "
                    + "enabled in realm {2}", user.getId(), config.methods(), realm.getName());
            context.failureChallenge(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED,
                    context.form().setError(UNAVAILABLE).createErrorPage(Response.Status.FORBIDDEN));
            return;
        }
        // The first login that finds the user without a factor starts the grace period (one attribute write per user).
        OptionalLong grace = GracePeriod.deadline(context.getSession(), realm, user, config.graceDays(), true);
        context.challenge(choicePage(context, offered, grace, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // Which page was shown is server-side state: a hand-made POST cannot answer the prompt instead of the choice.
        if (PROMPT_PAGE.equals(context.getAuthenticationSession().getAuthNote(PAGE_NOTE))) {
            answerPrompt(context);
        } else {
            answerChoice(context);
        }
    }

    private void answerChoice(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        EnforceMfaConfig config = EnforceMfaConfig.of(context.getAuthenticatorConfig());
        List<MfaMethod> offered = offered(realm, config);
        String value = context.getHttpRequest().getDecodedFormParameters().getFirst(FORM_FIELD);
        if (NOT_NOW.equals(value)) {
            // Checked again here, never read from the form: the period may have ended since the page was shown.
            OptionalLong grace = GracePeriod.deadline(context.getSession(), realm, user, config.graceDays(), false);
            if (grace.isEmpty()) {
                context.challenge(choicePage(context, offered, grace, INVALID_CHOICE));
                return;
            }
            // Not an MFA login: no session mark, no MFA level; the executor lets the session refresh until the deadline.
            GracePeriod.markSkipped(authSession, grace.getAsLong());
            context.getEvent().detail(GRACE_EVENT_DETAIL, Long.toString(grace.getAsLong()));
            authSession.removeAuthNote(PAGE_NOTE);
            context.success();
            return;
        }
        // The form value is client-controlled: accept only a method this page offered.
        Optional<MfaMethod> chosen = MfaMethod.fromId(value).filter(offered::contains);
        if (chosen.isEmpty()) {
            OptionalLong grace = GracePeriod.deadline(context.getSession(), realm, user, config.graceDays(), false);
            context.challenge(choicePage(context, offered, grace, INVALID_CHOICE));
            return;
        }
        authSession.addRequiredAction(chosen.get().requiredAction());
        requireRecoveryCodesIfMissing(realm, user, authSession);
        // Required actions added here run before any code or token is issued, so the session is MFA once it is usable.
        SecondFactors.markSession(context.getSession(), authSession);
        authSession.removeAuthNote(PAGE_NOTE);
        context.success();
    }

    private void answerPrompt(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String value = context.getHttpRequest().getDecodedFormParameters().getFirst(PROMPT_FIELD);
        if (GENERATE.equals(value)) {
            // Keycloak's own setup page: new codes replace the old ones once the user confirms they saved them.
            authSession.addRequiredAction(RecoveryCodes.REQUIRED_ACTION);
        } else if (!LATER.equals(value)) {
            OptionalInt left = RecoveryCodes.remaining(context.getUser());
            context.challenge(promptPage(context, left.orElse(0), INVALID_CHOICE));
            return;
        }
        authSession.removeAuthNote(PAGE_NOTE);
        String credentialType = authSession.getAuthNote(PROMPT_CREDENTIAL_TYPE_NOTE);
        if (credentialType != null) {
            context.getEvent().detail(Details.CREDENTIAL_TYPE, credentialType);
            authSession.removeAuthNote(PROMPT_CREDENTIAL_TYPE_NOTE);
        }
        context.success();
    }

    /**
     * The end of a login that needs nothing more from this step: a user who used a second factor and whose recovery
     * codes are at or below the realm's warning threshold is offered new ones first.
     */
    private static void finish(AuthenticationFlowContext context, boolean verified) {
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (verified && RecoveryCodes.actionEnabled(realm)
                && !authSession.getRequiredActions().contains(RecoveryCodes.REQUIRED_ACTION)) {
            OptionalInt low = RecoveryCodes.low(realm, context.getUser());
            if (low.isPresent()) {
                String credentialType = context.getEvent().getEvent().getDetails() == null ? null
                        : context.getEvent().getEvent().getDetails().get(Details.CREDENTIAL_TYPE);
                if (credentialType != null) {
                    authSession.setAuthNote(PROMPT_CREDENTIAL_TYPE_NOTE, credentialType);
                }
                context.challenge(promptPage(context, low.getAsInt(), null));
                return;
            }
        }
        context.success();
    }

    /** A method chosen earlier in this authentication session (by this step) is waiting as a required action. */
    private static boolean enrolmentPending(AuthenticationSessionModel authSession) {
        return authSession.getUserSessionNotes().containsKey(SecondFactors.SESSION_NOTE)
                && Arrays.stream(MfaMethod.values()).anyMatch(m -> authSession.getRequiredActions().contains(m.requiredAction()));
    }

    static List<MfaMethod> offered(RealmModel realm, EnforceMfaConfig config) {
        return config.methods().stream().filter(method -> enabled(realm, method.requiredAction())).toList();
    }

    private static void requireRecoveryCodesIfMissing(RealmModel realm, UserModel user, AuthenticationSessionModel authSession) {
        if (RecoveryCodes.actionEnabled(realm) && !SecondFactors.hasType(user, RecoveryAuthnCodesCredentialModel.TYPE)) {
            authSession.addRequiredAction(RecoveryCodes.REQUIRED_ACTION);
        }
    }

    private static boolean enabled(RealmModel realm, String alias) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(alias);
        return action != null && action.isEnabled();
    }

    private static Response choicePage(AuthenticationFlowContext context, List<MfaMethod> offered, OptionalLong grace,
            String error) {
        context.getAuthenticationSession().setAuthNote(PAGE_NOTE, CHOICE_PAGE);
        var form = context.form().setAttribute(METHODS_ATTRIBUTE, offered.stream().map(MfaMethod::id).toList());
        if (grace.isPresent()) {
            form.setAttribute(GRACE_DAYS_ATTRIBUTE, GracePeriod.daysLeft(grace.getAsLong()));
        }
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    private static Response promptPage(AuthenticationFlowContext context, int left, String error) {
        context.getAuthenticationSession().setAuthNote(PAGE_NOTE, PROMPT_PAGE);
        var form = context.form().setAttribute(CODES_LEFT_ATTRIBUTE, left);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(PROMPT_TEMPLATE);
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
