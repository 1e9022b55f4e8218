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
    /** Comma-separated realm roles whose grant is reported (to the user and to the recipient roles). */
    static final String ATTR_PRIVILEGED_ROLES = "kse.notifications.privilegedRoles";
    /** Comma-separated notification kinds not sent in this realm (see {@link NotificationKind#id()}). */
    static final String ATTR_DISABLED = "kse.notifications.disabled";
    /** Days a "this wasn't me" link stays valid, 1 to {@value NotifyConfigProperties#MAX_LINK_LIFETIME_DAYS}. */
    static final String ATTR_LINK_LIFETIME_DAYS = "kse.notifications.linkLifetimeDays";

    final List<String> recipientRoles;
    final List<String> privilegedRoles;
    final Set<String> disabledKinds;
    final int linkLifetimeDays;

    private RealmNotifySettings(List<String> recipientRoles, List<String> privilegedRoles, Set<String> disabledKinds,
                                int linkLifetimeDays) {
        this.recipientRoles = recipientRoles;
        this.privilegedRoles = privilegedRoles;
        this.disabledKinds = disabledKinds;
        this.linkLifetimeDays = linkLifetimeDays;
    }

    static RealmNotifySettings of(RealmModel realm, NotifyConfig defaults) {
        String roles = realm.getAttribute(ATTR_RECIPIENT_ROLES);
        String privileged = realm.getAttribute(ATTR_PRIVILEGED_ROLES);
        String disabled = realm.getAttribute(ATTR_DISABLED);
        return new RealmNotifySettings(
                roles == null ? defaults.recipientRoles : NotifyConfig.csv(roles),
                privileged == null ? defaults.privilegedRoles : NotifyConfig.csv(privileged),
                disabled == null ? defaults.disabledKinds : Set.copyOf(NotifyConfig.csv(disabled)),
                lifetimeDays(realm.getAttribute(ATTR_LINK_LIFETIME_DAYS), defaults.linkLifetimeDays));
    }

    /** An absent, malformed or out-of-range value means the server default: a typo must not make links immortal. */
    static int lifetimeDays(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int days = Integer.parseInt(value.strip());
            return days >= 1 && days <= NotifyConfigProperties.MAX_LINK_LIFETIME_DAYS ? days : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    boolean enabled(NotificationKind kind) {
        return !disabledKinds.contains(kind.id());
    }
}
