package io.kse.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deployable as users get it: one jar with our classes only. */
class BundleJarTest {

    private JarFile jar;

    @BeforeEach
    void openJar() throws IOException {
        Path path = Path.of(System.getProperty("bundle.jar"));
        assertThat(path).isRegularFile();
        assertThat(path.getFileName().toString()).matches("keycloak-security-essentials-[0-9][^/]*\\.jar");
        jar = new JarFile(path.toFile());
    }

    @AfterEach
    void closeJar() throws IOException {
        jar.close();
    }

    @Test
    void containsOnlyOurClassesAndNoKeycloakOrThirdPartyCode() {
        List<String> classes = Collections.list(jar.entries()).stream()
                .map(JarEntry::getName)
                .filter(name -> name.endsWith(".class"))
                .toList();

        assertThat(classes).isNotEmpty().allMatch(name -> name.startsWith("io/kse/keycloak/"));
    }

    @Test
    void manifestCarriesTheBundleVersionThatProvidersReport() throws IOException {
        String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        String keycloak = jar.getManifest().getMainAttributes().getValue("Keycloak-Version");

        assertThat(jar.getName()).endsWith("keycloak-security-essentials-" + version + ".jar");
        assertThat(keycloak).isEqualTo(System.getProperty("keycloak.version"));
    }

    @Test
    void everyServiceEntryNamesAClassInTheJar() throws IOException {
        List<JarEntry> serviceFiles = Collections.list(jar.entries()).stream()
                .filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory())
                .toList();

        for (JarEntry serviceFile : serviceFiles) {
            for (String implementation : readServiceEntries(serviceFile)) {
                assertThat(jar.getEntry(implementation.replace('.', '/') + ".class"))
                        .as("%s in %s", implementation, serviceFile.getName())
                        .isNotNull();
            }
        }
    }

    @Test
    void shipsTheKseThemes() {
        assertThat(jar.getEntry("META-INF/keycloak-themes.json")).isNotNull();
        assertThat(jar.getEntry("theme/kse/login/theme.properties")).isNotNull();
    }

    private List<String> readServiceEntries(JarEntry entry) throws IOException {
        List<String> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.replaceAll("#.*", "").trim();
                if (!trimmed.isEmpty()) {
                    entries.add(trimmed);
                }
            }
        }
        return entries;
    }
}
