package io.kse.keycloak.notify;

import io.kse.keycloak.common.KseProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Admin REST resource {@value #PROVIDER_ID} ({@code /admin/realms/{realm}/kse-notifications}): delivery state of the
 * realm's notifications, dead letters by default (see {@link NotificationsAdminResource}).
 */
public final class NotificationsAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        KseProviderFactory<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "kse-notifications";

    private static final AdminRealmResourceProvider PROVIDER = new AdminRealmResourceProvider() {
        @Override
        public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                  AdminEventBuilder adminEvent) {
            return new NotificationsAdminResource(session, realm, auth);
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
}
