package io.kse.keycloak.mfa;

import java.util.List;

import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Client-policy executor "kse-mfa-session": no new tokens from a session without MFA for a user who now needs it. */
public final class MfaSessionExecutorFactory implements ClientPolicyExecutorProviderFactory, KseProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "kse-mfa-session";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new MfaSessionExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses the code exchange and token refresh (and ends the session) when the user must use MFA but "
                + "the session was established without a second factor, e.g. after a privileged role was granted.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return EnforceMfaConfigProperties.REQUIREMENT;
    }
}
