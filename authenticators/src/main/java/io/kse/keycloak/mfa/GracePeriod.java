package io.kse.keycloak.mfa;

import java.util.OptionalLong;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * The enrolment grace period of a user who needs MFA and has no factor: it starts the first time a browser login finds
 * them so (recorded once in a user attribute) and lasts the configured number of days. Until then the choice page
 * offers "Not now"; a login that skips is not an MFA login.
 */
final class GracePeriod {

    /** User attribute: epoch second of the first login that found the user needing MFA without a factor. */
    static final String START_ATTRIBUTE = "kse-mfa-grace-start";

    /** User-session note of a login that skipped enrolment: epoch second until which its tokens may be refreshed. */
    static final String SESSION_NOTE = "kse.mfa.grace-until";

    static final int DAY_SECONDS = 86_400;

    private static final System.Logger LOG = System.getLogger(GracePeriod.class.getName());

    private GracePeriod() {
    }

    /**
     * The end of the user's grace period (epoch second), or empty when none applies: none configured, over, or the
     * recorded start cannot be trusted. {@code start} records the start when there is none yet (once per user).
     */
    static OptionalLong deadline(KeycloakSession session, RealmModel realm, UserModel user, int days, boolean start) {
        if (days <= 0) {
            return OptionalLong.empty();
        }
        if (!attributeProtected(session)) {
            // Users (or admins, for themselves) could reset the start and postpone enrolment for ever: no grace at all.
            LOG.log(System.Logger.Level.WARNING, "No MFA grace period in realm {0}: its user profile lets users or "
                    + "admins edit unmanaged attributes such as {1}", realm.getName(), START_ATTRIBUTE);
            return OptionalLong.empty();
        }
        long now = Time.currentTime();
        String recorded = user.getFirstAttribute(START_ATTRIBUTE);
        long begin;
        if (recorded == null) {
            if (!start) {
                return OptionalLong.empty();
            }
            user.setSingleAttribute(START_ATTRIBUTE, Long.toString(now));
            begin = now;
        } else {
            begin = parse(recorded);
            if (begin < 0 || begin > now) {
                // Not written by us as it stands: fail closed.
                return OptionalLong.empty();
            }
        }
        long end = begin + (long) days * DAY_SECONDS;
        return now < end ? OptionalLong.of(end) : OptionalLong.empty();
    }

    /** Whole days left until {@code deadline}, rounded up, at least 1. */
    static int daysLeft(long deadline) {
        long seconds = deadline - Time.currentTime();
        return (int) Math.max(1, (seconds + DAY_SECONDS - 1) / DAY_SECONDS);
    }

    /** Marks a login that skipped enrolment; {@link MfaSessionExecutor} lets its session refresh until the deadline. */
    static void markSkipped(AuthenticationSessionModel authSession, long deadline) {
        authSession.setUserSessionNote(SESSION_NOTE, Long.toString(deadline));
    }

    /** Whether the session skipped enrolment within a grace period that has not ended yet. */
    static boolean sessionInGrace(UserSessionModel userSession) {
        long until = parse(userSession.getNote(SESSION_NOTE));
        return until > 0 && Time.currentTime() < until;
    }

    /**
     * Keycloak's user profile hides unmanaged attributes from every context unless the realm's unmanaged-attribute
     * policy says otherwise: with ENABLED users edit them in the account console, with ADMIN_EDIT admins do (their
     * own included). Only "disabled" (the default) and ADMIN_VIEW keep the start where only this code writes it; an
     * operator who declares the attribute in the user profile must give nobody edit permission. No database query: the
     * configuration is a realm component, served from the realm cache.
     */
    private static boolean attributeProtected(KeycloakSession session) {
        UPConfig config = session.getProvider(UserProfileProvider.class).getConfiguration();
        if (config == null) {
            return true;
        }
        UPAttribute declared = config.getAttribute(START_ATTRIBUTE);
        if (declared != null) {
            // Without any permissions Keycloak lets everyone edit it.
            UPAttributePermissions permissions = declared.getPermissions();
            return permissions != null && !permissions.isEmpty()
                    && (permissions.getEdit() == null || permissions.getEdit().isEmpty());
        }
        UPConfig.UnmanagedAttributePolicy policy = config.getUnmanagedAttributePolicy();
        return policy == null || policy == UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW;
    }

    private static long parse(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
