package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class LocalesTest {

    private static final Set<String> OFFERED = Set.of("en", "de", "fr", "es");

    @Test
    void theUsersLocaleWhenOfferedElseTheRealmDefault() {
        assertThat(Locales.choose("de", true, OFFERED, "en")).isEqualTo("de");
        assertThat(Locales.choose("pt", true, OFFERED, "fr")).isEqualTo("fr");
        assertThat(Locales.choose(null, true, OFFERED, null)).isEqualTo("en");
        assertThat(Locales.choose("de", false, OFFERED, "es")).isEqualTo("es");
        assertThat(Locales.choose("de", false, Set.of(), null)).isEqualTo("en");
    }
}
