package io.kse.keycloak.mfa;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientPolicyClientSessionContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Refuses new tokens from a user session that was not established with a second factor when its user must use MFA
 * now (typically: a privileged role granted after the login). Checked where Keycloak exposes the session: the code
 * exchange and the refresh, after the refresh token was validated. The session is ended too, so that the next
 * authorization request goes through the login flow, and with it through MFA enforcement, instead of single sign-on.
 */
final class MfaSessionExecutor implements ClientPolicyExecutorProvider<MfaSessionExecutor.Configuration> {

    static final String REFUSAL = "Multi-factor authentication is now required for this account and this session "
            + "was not started with it. Sign in again.";

    /** For a session from an identity provider whose login had no MFA step: signing in again would not help. */
    static final String BROKERED_REFUSAL = "Multi-factor authentication is required for this account, but the sign-in "
            + "through identity provider '%s' did not ask for a second factor. Ask an administrator to set that "
            + "identity provider's post login flow to one with MFA enforcement (the template's 'kse post broker login').";

    /** User-session note in which Keycloak records the identity provider of a brokered login (Details.IDENTITY_PROVIDER). */
    static final String IDENTITY_PROVIDER_NOTE = Details.IDENTITY_PROVIDER;

    private final KeycloakSession session;
    private MfaRequirement requirement = new MfaRequirement(EnforceMfaConfig.DEFAULT_EVERYONE, EnforceMfaConfig.DEFAULT_ROLES);

    MfaSessionExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(Configuration config) {
        List<String> roles = config == null || config.roles == null ? List.of()
                : config.roles.stream().filter(role -> role != null && !role.isBlank()).map(String::trim).toList();
        boolean everyone = config != null && config.everyone != null ? config.everyone : EnforceMfaConfig.DEFAULT_EVERYONE;
        requirement = new MfaRequirement(everyone, roles.isEmpty() ? EnforceMfaConfig.DEFAULT_ROLES : roles);
    }

    @Override
    public Class<Configuration> getExecutorConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case TOKEN_REQUEST, TOKEN_REFRESH_RESPONSE -> check(((ClientPolicyClientSessionContext) context).getClientSession());
            default -> {
                // Other events either create a new session through a flow with enforcement or carry no user session.
            }
        }
    }

    private void check(AuthenticatedClientSessionModel clientSession) throws ClientPolicyException {
        UserSessionModel userSession = clientSession == null ? null : clientSession.getUserSession();
        // A login that skipped enrolment within its grace period keeps working until the period ends, then no longer.
        if (userSession == null || SecondFactors.sessionHasMfa(userSession) || GracePeriod.sessionInGrace(userSession)) {
            return;
        }
        RealmModel realm = userSession.getRealm();
        if (requirement.appliesTo(realm, userSession.getUser())) {
            if (userSession.isOffline()) {
                session.sessions().removeOfflineUserSession(realm, userSession);
            } else {
                session.sessions().removeUserSession(realm, userSession);
            }
            String provider = userSession.getNote(IDENTITY_PROVIDER_NOTE);
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT,
                    provider == null ? REFUSAL : BROKERED_REFUSAL.formatted(safe(provider)));
        }
    }

    /** Identity-provider aliases are admin-chosen; keep the error description to plain printable ASCII. */
    private static String safe(String alias) {
        String cleaned = alias.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    @Override
    public String getProviderId() {
        return MfaSessionExecutorFactory.PROVIDER_ID;
    }

    /** Executor configuration as stored in the realm's client profiles. */
    public static final class Configuration extends ClientPolicyExecutorConfigurationRepresentation {

        @JsonProperty(EnforceMfaConfig.ROLES)
        public List<String> roles;

        @JsonProperty(EnforceMfaConfig.EVERYONE)
        public Boolean everyone;
    }
}
