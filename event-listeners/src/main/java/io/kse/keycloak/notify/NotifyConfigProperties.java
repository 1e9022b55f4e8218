package io.kse.keycloak.notify;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Server-wide options of {@code kse-security-notifications}: {@code --spi-events-listener--kse-security-notifications--<key>}. */
final class NotifyConfigProperties {

    static final String RECIPIENT_ROLES = "recipient-roles";
    static final String PRIVILEGED_ROLES = "privileged-roles";
    static final String DISABLED_KINDS = "disabled-kinds";
    static final String POLL_INTERVAL_SECONDS = "poll-interval-seconds";
    static final String MAX_ATTEMPTS = "max-attempts";
    static final String BACKOFF_BASE_SECONDS = "backoff-base-seconds";
    static final String BACKOFF_MAX_SECONDS = "backoff-max-seconds";
    static final String LEASE_SECONDS = "lease-seconds";
    static final String RATE_LIMIT_PER_HOUR = "rate-limit-per-hour";
    static final String COALESCE_SECONDS = "coalesce-seconds";
    static final String LINK_LIFETIME_DAYS = "link-lifetime-days";
    static final String DELIVERY_THREADS = "delivery-threads";

    static final String DEFAULT_RECIPIENT_ROLES = "root,admin";
    static final String DEFAULT_PRIVILEGED_ROLES = "root,admin";
    static final int DEFAULT_POLL_INTERVAL_SECONDS = 5;
    static final int DEFAULT_MAX_ATTEMPTS = 8;
    static final int DEFAULT_BACKOFF_BASE_SECONDS = 30;
    static final int DEFAULT_BACKOFF_MAX_SECONDS = 3600;
    static final int DEFAULT_LEASE_SECONDS = 300;
    static final int DEFAULT_RATE_LIMIT_PER_HOUR = 20;
    static final int DEFAULT_COALESCE_SECONDS = 60;
    /** As Okta's "Report suspicious activity" link. */
    static final int DEFAULT_LINK_LIFETIME_DAYS = 7;
    static final int MAX_LINK_LIFETIME_DAYS = 30;
    /** One SMTP conversation per mail: a few in parallel per node keep a backlog draining after an outage. */
    /**
     * Senders wait on SMTP round trips and commits, not on CPU: the benchmark drained a 10,000-mail backlog at 54/s with
     * 4 and at 132/s with 16 on 2 cores (P5). At most this many SMTP connections per node, and only during a backlog.
     */
    static final int DEFAULT_DELIVERY_THREADS = 16;
    static final int MAX_DELIVERY_THREADS = 32;

    private NotifyConfigProperties() {
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(RECIPIENT_ROLES).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Realm roles whose holders get admin notices (new user, privileged role granted, \"this wasn't me\" report), comma-separated. Realm attribute "
                        + RealmNotifySettings.ATTR_RECIPIENT_ROLES + " overrides it per realm.")
                .defaultValue(DEFAULT_RECIPIENT_ROLES).add()
                .property().name(PRIVILEGED_ROLES).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Realm roles whose grant (directly, through a composite role or a group) is reported to the user "
                        + "and to the recipient roles, comma-separated. Realm attribute "
                        + RealmNotifySettings.ATTR_PRIVILEGED_ROLES + " overrides it per realm.")
                .defaultValue(DEFAULT_PRIVILEGED_ROLES).add()
                .property().name(DISABLED_KINDS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Notification kinds not sent, comma-separated (e.g. user-added). Realm attribute "
                        + RealmNotifySettings.ATTR_DISABLED + " overrides it per realm.")
                .defaultValue("").add()
                .property().name(POLL_INTERVAL_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How often each node looks for due notifications.")
                .defaultValue(DEFAULT_POLL_INTERVAL_SECONDS).add()
                .property().name(DELIVERY_THREADS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Mails each node sends in parallel (1-" + MAX_DELIVERY_THREADS + "); mails to one recipient "
                        + "always go one after another.")
                .defaultValue(DEFAULT_DELIVERY_THREADS).add()
                .property().name(MAX_ATTEMPTS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Delivery attempts before a notification is dead-lettered.")
                .defaultValue(DEFAULT_MAX_ATTEMPTS).add()
                .property().name(BACKOFF_BASE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Wait after the first failed attempt; doubled after each further failure.")
                .defaultValue(DEFAULT_BACKOFF_BASE_SECONDS).add()
                .property().name(BACKOFF_MAX_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Longest wait between attempts.")
                .defaultValue(DEFAULT_BACKOFF_MAX_SECONDS).add()
                .property().name(LEASE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How long a node owns a claimed notification; must exceed the SMTP timeouts.")
                .defaultValue(DEFAULT_LEASE_SECONDS).add()
                .property().name(RATE_LIMIT_PER_HOUR).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Mails per recipient per hour; more are postponed, never dropped.")
                .defaultValue(DEFAULT_RATE_LIMIT_PER_HOUR).add()
                .property().name(COALESCE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Repeats of the same notice to the same recipient within this time become one mail.")
                .defaultValue(DEFAULT_COALESCE_SECONDS).add()
                .property().name(LINK_LIFETIME_DAYS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Days a \"this wasn't me\" link in a notice stays valid (1-" + MAX_LINK_LIFETIME_DAYS
                        + "). Realm attribute " + RealmNotifySettings.ATTR_LINK_LIFETIME_DAYS + " overrides it per realm.")
                .defaultValue(DEFAULT_LINK_LIFETIME_DAYS).add()
                .build();
    }
}
