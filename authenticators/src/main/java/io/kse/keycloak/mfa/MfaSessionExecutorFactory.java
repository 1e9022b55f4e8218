package io.kse.keycloak.mfa;

import java.util.List;
import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Client-policy executor "kse-mfa-session": no new tokens from a session without MFA for a user who now needs it. */
public final class MfaSessionExecutorFactory implements ClientPolicyExecutorProviderFactory, ServerInfoAwareProviderFactory {

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

    @Override
    public void init(Config.Scope config) {
        // No server-wide options.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to prepare.
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo();
    }
}
