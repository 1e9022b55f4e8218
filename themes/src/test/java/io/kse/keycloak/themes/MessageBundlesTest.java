package io.kse.keycloak.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageBundlesTest {

    private static final List<String> THEME_TYPES = List.of("login", "email");

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "es"})
    void everyLocaleTranslatesExactlyTheEnglishKeys(String locale) throws IOException {
        for (String type : THEME_TYPES) {
            Properties english = load(type, "en");
            Properties translated = load(type, locale);

            assertThat(english).isNotEmpty();
            assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr", "es"})
    void everyMessageIsAValidMessageFormatWithTheSameArgumentsAsEnglish(String locale) throws IOException {
        for (String type : THEME_TYPES) {
            Properties english = load(type, "en");
            Properties messages = load(type, locale);
            for (String key : messages.stringPropertyNames()) {
                MessageFormat format = new MessageFormat(messages.getProperty(key));
                MessageFormat reference = new MessageFormat(english.getProperty(key));
                assertThat(format.getFormatsByArgumentIndex())
                        .as("arguments of %s in %s", key, locale)
                        .hasSameSizeAs(reference.getFormatsByArgumentIndex());
                // A single apostrophe silently swallows text in MessageFormat; it must be doubled. Email messages
                // take up to eight arguments.
                assertThat(format.format(new Object[] {"12", "12", "12", "12", "12", "12", "12", "12"})).as("%s in %s", key, locale).doesNotContain("{");
            }
        }
    }

    private static Properties load(String type, String locale) throws IOException {
        String path = "/theme/kse/" + type + "/messages/messages_" + locale + ".properties";
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
