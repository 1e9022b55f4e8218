package io.kse.keycloak.notify;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * Renders a notice with the realm's email theme (so operators brand it by choosing a theme whose parent is
 * {@value #THEME}), falling back to {@value #THEME} when the realm's theme lacks our templates. The HTML part is
 * produced by Keycloak's FreeMarker with HTML auto-escaping, so every user-controlled value is escaped there.
 */
final class MailRenderer {

    static final String THEME = "kse";

    record Mail(String subject, String text, String html) {
    }

    /** The "this wasn't me" link of a user-facing notice and how many days it stays valid. */
    record NotMeLink(String url, int lifetimeDays) {
    }

    private MailRenderer() {
    }

    static Mail render(KeycloakSession session, RealmModel realm, NotificationKind kind, String localeTag,
                       Map<String, String> payload, NotMeLink notMeLink) throws IOException, FreeMarkerException {
        Theme theme = theme(session, realm, kind);
        Locale locale = Locale.forLanguageTag(localeTag);
        Properties messages = theme.getEnhancedMessages(realm, locale);

        Map<String, String> values = new HashMap<>(payload);
        values.put("when", when(payload.get("time"), locale));
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        values.put("realmName", Subjects.oneLine(realmName, 100));

        Object[] args = {values.get("realmName"), device(values, messages), values.get("userName"),
                values.get("username"), values.get("userEmail"), values.getOrDefault("actor", ""),
                values.getOrDefault(Trigger.ROLES, ""), values.getOrDefault(Trigger.CODES_LEFT, "")};
        String subject = Subjects.sanitize(format(messages, kind.subjectKey(), locale, args));

        // Sentences are formatted here, not in the template: Keycloak's msg() resolves ${...} inside its arguments,
        // which must not happen to user-controlled values. FreeMarker then HTML-escapes every one of them.
        List<Map<String, String>> details = new ArrayList<>();
        if (kind.apiKey()) {
            detail(details, messages, locale, "kse-detail-api-key-label", values.get(Trigger.DEVICE_LABEL));
            detail(details, messages, locale, "kse-detail-api-key-id", values.get(Trigger.API_KEY_ID));
            detail(details, messages, locale, "kse-detail-api-key-expires",
                    when(values.get(Trigger.API_KEY_EXPIRES_AT), locale));
        }
        if (kind == NotificationKind.ROLE_GRANTED || kind == NotificationKind.ROLE_GRANTED_ADMIN) {
            detail(details, messages, locale, "kse-detail-roles", values.get(Trigger.ROLES));
            detail(details, messages, locale, "kse-detail-group", values.get(Trigger.GROUP));
        }
        if (kind == NotificationKind.RECOVERY_CODE_USED || kind == NotificationKind.RECOVERY_CODES_LOW) {
            detail(details, messages, locale, "kse-detail-codes-left", values.get(Trigger.CODES_LEFT));
        }
        detail(details, messages, locale, "kse-detail-when", values.get("when"));
        detail(details, messages, locale, "kse-detail-ip", values.get("ip"));
        detail(details, messages, locale, "kse-detail-device", values.get("device"));
        detail(details, messages, locale, "kse-detail-client", values.get("client"));
        detail(details, messages, locale, "kse-detail-actor", values.get("actor"));

        Map<String, Object> attributes = new HashMap<>();
        attributes.put("n", values);
        attributes.put("kind", kind.id());
        attributes.put("subject", subject);
        attributes.put("headline", format(messages, "kse-" + kind.id() + "-headline", locale, args));
        attributes.put("body", format(messages, bodyKey(kind, values), locale, args));
        attributes.put("details", details);
        attributes.put("advice", format(messages, advice(kind), locale, args));
        if (notMeLink != null) {
            attributes.put("notMeLink", notMeLink.url());
            attributes.put("notMeIntro", format(messages, "kse-not-me-link-intro", locale, args));
            attributes.put("notMeLabel", format(messages, "kse-not-me-link-label", locale, args));
            attributes.put("notMeExpiry", format(messages, "kse-not-me-link-expiry", locale,
                    new Object[] {notMeLink.lifetimeDays()}));
        }
        attributes.put("footer", format(messages, "kse-footer", locale, args));
        attributes.put("locale", locale);
        attributes.put("realmName", values.get("realmName"));
        attributes.put("properties", theme.getProperties());
        attributes.put("msg", new MessageFormatterMethod(locale, messages));

        FreeMarkerProvider freeMarker = session.getProvider(FreeMarkerProvider.class);
        String text = freeMarker.processTemplate(attributes, "text/" + kind.template(), theme);
        String html = freeMarker.processTemplate(attributes, "html/" + kind.template(), theme);
        return new Mail(subject, text, html);
    }

    /** A permanent lockout needs an administrator; a temporary one ends by itself. */
    private static String bodyKey(NotificationKind kind, Map<String, String> values) {
        if (kind == NotificationKind.ACCOUNT_LOCKED && Trigger.LOCK_PERMANENT.equals(values.get(Trigger.LOCK))) {
            return "kse-account-locked-permanent-body";
        }
        return "kse-" + kind.id() + "-body";
    }

    private static String advice(NotificationKind kind) {
        return switch (kind) {
            case USER_ADDED -> "kse-advice-admin";
            case ROLE_GRANTED_ADMIN -> "kse-advice-role-admin";
            case ACCOUNT_LOCKED -> "kse-advice-locked";
            case RECOVERY_CODES_LOW -> "kse-advice-recovery-low";
            case EMAIL_CHANGE_REQUESTED -> "kse-advice-email-request";
            case NOT_ME_REPORTED -> "kse-advice-not-me";
            case EMAIL_CHANGED -> "kse-advice-email";
            case API_KEY_EXPIRING_14, API_KEY_EXPIRING_3, API_KEY_EXPIRED -> "kse-advice-api-key-expiry";
            default -> "kse-advice-user";
        };
    }

    private static Theme theme(KeycloakSession session, RealmModel realm, NotificationKind kind) throws IOException {
        String name = realm.getEmailTheme();
        if (name != null && !name.isBlank()) {
            Theme theme = session.theme().getTheme(name, Theme.Type.EMAIL);
            if (theme != null && theme.getTemplate("html/" + kind.template()) != null) {
                return theme;
            }
        }
        return session.theme().getTheme(THEME, Theme.Type.EMAIL);
    }

    private static String format(Properties messages, String key, Locale locale, Object[] args) {
        return new MessageFormat(messages.getProperty(key, key), locale).format(args);
    }

    private static void detail(List<Map<String, String>> details, Properties messages, Locale locale, String key,
                               String value) {
        if (value != null && !value.isBlank()) {
            details.add(Map.of("label", format(messages, key, locale, new Object[0]), "value", value));
        }
    }

    /** The device label the user chose, else the kind of credential in the user's language. */
    private static String device(Map<String, String> values, Properties messages) {
        String label = values.get(Trigger.DEVICE_LABEL);
        if (label != null && !label.isBlank()) {
            return label;
        }
        String type = values.get(Trigger.CREDENTIAL_TYPE);
        if (type == null) {
            return "";
        }
        return type.isBlank() ? messages.getProperty("kse-credential-unknown", "") : messages.getProperty("kse-credential-" + type, type);
    }

    static String when(String epochMillis, Locale locale) {
        long millis;
        try {
            millis = Long.parseLong(epochMillis);
        } catch (NumberFormatException | NullPointerException e) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(millis)) + " UTC";
    }
}
