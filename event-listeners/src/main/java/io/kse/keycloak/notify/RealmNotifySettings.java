package io.kse.keycloak.notify;

import java.util.List;
import java.util.Set;

import org.keycloak.models.RealmModel;

/**
 * Per-realm settings, stored as realm attributes so they travel with realm exports; an absent attribute means the
 * server-wide default.
 */
final class RealmNotifySettings {

    /** Comma-separated realm roles whose holders get admin notices. */
    static final String ATTR_RECIPIENT_ROLES = "kse.notifications.recipientRoles";
    /** Comma-separated notification kinds not sent in this realm (see {@link NotificationKind#id()}). */
    static final String ATTR_DISABLED = "kse.notifications.disabled";

    final List<String> recipientRoles;
    final Set<String> disabledKinds;

    private RealmNotifySettings(List<String> recipientRoles, Set<String> disabledKinds) {
        this.recipientRoles = recipientRoles;
        this.disabledKinds = disabledKinds;
    }

    static RealmNotifySettings of(RealmModel realm, NotifyConfig defaults) {
        String roles = realm.getAttribute(ATTR_RECIPIENT_ROLES);
        String disabled = realm.getAttribute(ATTR_DISABLED);
        return new RealmNotifySettings(
                roles == null ? defaults.recipientRoles : NotifyConfig.csv(roles),
                disabled == null ? defaults.disabledKinds : Set.copyOf(NotifyConfig.csv(disabled)));
    }

    boolean enabled(NotificationKind kind) {
        return !disabledKinds.contains(kind.id());
    }
}
