package io.kse.keycloak.notify;

import java.util.Set;

/** The locale a mail is written in, chosen when the notice is recorded (the user may change theirs later). */
final class Locales {

    static final String FALLBACK = "en";

    private Locales() {
    }

    /**
     * The user's own locale when the realm offers it, else the realm's default, else English. Without
     * internationalisation a realm speaks its default locale only.
     */
    static String choose(String userLocale, boolean internationalization, Set<String> supported, String realmDefault) {
        String fallback = realmDefault == null || realmDefault.isBlank() ? FALLBACK : realmDefault;
        if (!internationalization) {
            return fallback;
        }
        if (userLocale != null && supported.contains(userLocale)) {
            return userLocale;
        }
        return supported.contains(fallback) || supported.isEmpty() ? fallback : FALLBACK;
    }
}
