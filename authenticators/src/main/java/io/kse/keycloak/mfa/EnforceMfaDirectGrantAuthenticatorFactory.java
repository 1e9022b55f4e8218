package io.kse.keycloak.mfa;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;

/** "KSE: Enforce MFA (direct grant)" for direct-grant flows; place it after the conditional OTP subflow. */
public final class EnforceMfaDirectGrantAuthenticatorFactory extends EnforceMfaFactoryBase {

    public static final String PROVIDER_ID = "kse-enforce-mfa-direct-grant";

    public EnforceMfaDirectGrantAuthenticatorFactory() {
        super(new EnforceMfaDirectGrantAuthenticator());
    }

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
    public List<ProviderConfigProperty> getConfigProperties() {
        return EnforceMfaConfigProperties.REQUIREMENT;
    }
}
