package io.kse.keycloak.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Reads the built bundle jar, so tests derive what must be deployed from the artifact rather than a list. */
public final class BundleJar {

    private static final String SERVICES = "META-INF/services/";
    private static final String SPI_SERVICE = SERVICES + "org.keycloak.provider.Spi";

    private BundleJar() {
    }

    public static String path() {
        return System.getProperty("bundle.jar");
    }

    /** Fully qualified names of every provider factory the jar registers (custom SPI declarations excluded). */
    public static List<String> providerFactories() {
        List<String> factories = new ArrayList<>();
        try (JarFile jar = new JarFile(path())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith(SERVICES) && !entry.isDirectory() && !entry.getName().equals(SPI_SERVICE)) {
                    factories.addAll(serviceEntries(jar, entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return factories;
    }

    static List<String> serviceEntries(JarFile jar, JarEntry entry) throws IOException {
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
