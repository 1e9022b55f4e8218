package io.kse.keycloak.mfa;

import java.util.List;
import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** "KSE: Enforce MFA (direct grant)" for browser flows; place it after the second-factor subflow. */
public final class EnforceMfaDirectGrantAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "kse-enforce-mfa-direct-grant";

    private static final EnforceMfaDirectGrantAuthenticator SINGLETON = new EnforceMfaDirectGrantAuthenticator();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "KSE: Enforce MFA (direct grant)";
    }

    @Override
    public String getHelpText() {
        return "Refuses the password grant with invalid_grant for users holding the configured roles who did not "
                + "pass the OTP step (no authenticator app enrolled, or only a passkey).";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return EnforceMfaConfigProperties.REQUIREMENT;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
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
