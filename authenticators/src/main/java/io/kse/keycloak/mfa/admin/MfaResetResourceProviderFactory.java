package io.kse.keycloak.mfa.admin;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import io.kse.keycloak.common.RealmRoles;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Mounts the MFA admin API at {@code /admin/realms/{realm}/}{@value #PROVIDER_ID}. Server option
 * {@code --spi-admin-realm-restapi-extension--kse-mfa--protected-role} names the role whose holders' factors only they
 * themselves may reset (default {@value RealmRoles#ROOT}).
 */
public final class MfaResetResourceProviderFactory implements AdminRealmResourceProviderFactory,
        KseProviderFactory<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "kse-mfa";
    static final String CONFIG_PROTECTED_ROLE = "protected-role";

    private volatile String protectedRole = RealmRoles.ROOT;

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        String role = protectedRole;
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return new MfaAdminResource(session, realm, auth, adminEvent, role);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
        String role = config.get(CONFIG_PROTECTED_ROLE);
        if (role != null && !role.isBlank()) {
            protectedRole = role.trim();
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.put("path", "/admin/realms/{realm}/" + PROVIDER_ID + "/users/{userId}/reset");
        info.put(CONFIG_PROTECTED_ROLE, protectedRole);
        return info;
    }
}
