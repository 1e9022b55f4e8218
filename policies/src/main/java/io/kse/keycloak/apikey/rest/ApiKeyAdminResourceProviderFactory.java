package io.kse.keycloak.apikey.rest;

import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts the admin API at {@code /admin/realms/{realm}/}{@value #PROVIDER_ID}. */
public final class ApiKeyAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        KseProviderFactory<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "kse-api-keys";

    // Stateless: everything comes with each request.
    private static final AdminRealmResourceProvider PROVIDER = new AdminRealmResourceProvider() {
        @Override
        public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                  AdminEventBuilder adminEvent) {
            return new ApiKeyAdminResource(session, realm, auth, adminEvent);
        }

        @Override
        public void close() {
        }
    };

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = BundleInfo.operationalInfo();
        info.put("path", "/admin/realms/{realm}/" + PROVIDER_ID);
        info.put("permissions", "view-users to list; manage on the key's owner to see and revoke it; manage-realm for POST maintenance");
        return info;
    }
}
