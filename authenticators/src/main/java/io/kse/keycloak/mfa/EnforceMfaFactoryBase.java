package io.kse.keycloak.mfa;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What the browser and direct-grant Enforce MFA factories share: a stateless authenticator, REQUIRED or DISABLED only
 * (an optional enforcement step would be no enforcement), configurable per execution, no server-wide options.
 */
abstract class EnforceMfaFactoryBase implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    private final Authenticator authenticator;

    EnforceMfaFactoryBase(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public final Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public final String getReferenceCategory() {
        return null;
    }

    @Override
    public final boolean isConfigurable() {
        return true;
    }

    @Override
    public final AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public final boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public final void init(Config.Scope config) {
        // No server-wide options: everything is configured per flow execution.
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
        // Nothing to prepare.
    }

    @Override
    public final void close() {
        // Nothing to release.
    }

    @Override
    public final Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo();
    }
}
