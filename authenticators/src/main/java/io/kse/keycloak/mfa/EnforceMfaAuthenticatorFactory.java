package io.kse.keycloak.mfa;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;

/** "KSE: Enforce MFA" for browser flows; place it after the second-factor subflow. */
public final class EnforceMfaAuthenticatorFactory extends EnforceMfaFactoryBase {

    public static final String PROVIDER_ID = "kse-enforce-mfa";

    public EnforceMfaAuthenticatorFactory() {
        super(new EnforceMfaAuthenticator());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "KSE: Enforce MFA";
    }

    @Override
    public String getHelpText() {
        return "Users holding the configured roles must use a second factor; those without one choose a passkey or "
                + "an authenticator app and set it up, with recovery codes, before the login completes.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return EnforceMfaConfigProperties.BROWSER;
    }
}
