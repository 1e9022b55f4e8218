package io.kse.keycloak.policies.adminguard;

import java.util.HashMap;
import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import io.kse.keycloak.common.RealmRoles;
import org.keycloak.Config;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.authorization.policy.provider.PolicyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.authorization.PolicyRepresentation;

/**
 * Policy type {@value #PROVIDER_ID} for the realm's {@code admin-permissions} client (FGAP v2). It uses the generic
 * policy representation, so it is created and imported with a plain {@code config} map.
 */
public final class AdminGuardPolicyProviderFactory
        implements PolicyProviderFactory<PolicyRepresentation>, KseProviderFactory<PolicyProvider> {

    public static final String PROVIDER_ID = "kse-admin-guard";

    /** Config key: name of the realm role whose holders only its other holders may manage. */
    public static final String CONFIG_PROTECTED_ROLE = "protectedRole";

    public static final String DEFAULT_PROTECTED_ROLE = RealmRoles.ROOT;

    // Stateless: everything it needs comes with the evaluation.
    private static final AdminGuardPolicyProvider PROVIDER = new AdminGuardPolicyProvider();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "KSE admin guard";
    }

    @Override
    public String getGroup() {
        return "Rule Based";
    }

    @Override
    public String getDescription() {
        return "Denies acting on one's own user, on holders of the protected role and on the protected role itself,"
                + " unless the requester holds the protected role.";
    }

    @Override
    public PolicyProvider create(AuthorizationProvider authorization) {
        return PROVIDER;
    }

    @Override
    public PolicyProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public PolicyRepresentation toRepresentation(Policy policy, AuthorizationProvider authorization) {
        PolicyRepresentation representation = new PolicyRepresentation();
        representation.setConfig(new HashMap<>(policy.getConfig()));
        return representation;
    }

    @Override
    public Class<PolicyRepresentation> getRepresentationType() {
        return PolicyRepresentation.class;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.put("default-" + CONFIG_PROTECTED_ROLE, DEFAULT_PROTECTED_ROLE);
        return info;
    }
}
