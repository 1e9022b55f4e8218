package io.kse.keycloak.mfa;

import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;

/**
 * What the browser and direct-grant Enforce MFA factories share: a stateless authenticator, REQUIRED or DISABLED only
 * (an optional enforcement step would be no enforcement), configurable per execution, no server-wide options.
 */
abstract class EnforceMfaFactoryBase implements AuthenticatorFactory, KseProviderFactory<Authenticator> {

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
}
