package io.kse.keycloak.mfa;

import java.util.Arrays;
import java.util.List;

import org.keycloak.models.Constants;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The admin-console form of the Enforce MFA authenticators; keys and defaults come from {@link EnforceMfaConfig}. */
final class EnforceMfaConfigProperties {

    static final List<ProviderConfigProperty> BROWSER = common()
            .property()
            .name(EnforceMfaConfig.METHODS)
            .label("Allowed methods")
            .helpText("Second factors a user may choose to enrol, in the order offered. Empty means all.")
            .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
            .options(Arrays.stream(MfaMethod.values()).map(MfaMethod::id).toList())
            .defaultValue(String.join(Constants.CFG_DELIMITER,
                    EnforceMfaConfig.DEFAULT_METHODS.stream().map(MfaMethod::id).toList()))
            .add()
            .property()
            .name(EnforceMfaConfig.GRACE_DAYS)
            .label("Grace period (days)")
            .helpText("Days a user without a second factor may choose 'Not now' on the choice page, counted from the "
                    + "first login that found no factor. 0 means enrolment is required at once. Logins that skip are "
                    + "not MFA logins; the password grant never gets a grace period. At most "
                    + EnforceMfaConfig.MAX_GRACE_DAYS + ".")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(EnforceMfaConfig.DEFAULT_GRACE_DAYS))
            .add()
            .build();

    static final List<ProviderConfigProperty> REQUIREMENT = common().build();

    private EnforceMfaConfigProperties() {
    }

    private static ProviderConfigurationBuilder common() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(EnforceMfaConfig.ROLES)
                .label("Roles requiring MFA")
                .helpText("Realm roles (or clientId.role) whose holders must use a second factor, directly, through a "
                        + "composite role or through a group. Default: " + String.join(", ", EnforceMfaConfig.DEFAULT_ROLES) + ".")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .defaultValue(String.join(Constants.CFG_DELIMITER, EnforceMfaConfig.DEFAULT_ROLES))
                .add()
                .property()
                .name(EnforceMfaConfig.EVERYONE)
                .label("Everyone")
                .helpText("Require a second factor from every user, whatever their roles.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(Boolean.toString(EnforceMfaConfig.DEFAULT_EVERYONE))
                .add();
    }
}
