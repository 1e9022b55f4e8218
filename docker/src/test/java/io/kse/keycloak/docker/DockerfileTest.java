package io.kse.keycloak.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** There is no Docker engine on our machines, so these tests check the files' consistency with the build. */
class DockerfileTest {

    private static final Pattern KEYCLOAK_IMAGE = Pattern.compile("quay\\.io/keycloak/keycloak:([^\\s]+)");

    private final Path dockerDir = Path.of(System.getProperty("docker.dir", "."));

    @Test
    void everyKeycloakImageIsTheVersionTheBundleIsBuiltAndTestedAgainst() throws IOException {
        String dockerfile = Files.readString(dockerDir.resolve("Dockerfile"));
        Matcher matcher = KEYCLOAK_IMAGE.matcher(dockerfile);
        int images = 0;
        while (matcher.find()) {
            images++;
            assertThat(matcher.group(1)).isEqualTo(System.getProperty("keycloak.version"));
        }
        assertThat(images).as("Keycloak base images in the Dockerfile").isEqualTo(2);
    }

    @Test
    void theImageCopiesFilesTheBuildProduces() throws IOException {
        List<String> lines = Files.readAllLines(dockerDir.resolve("Dockerfile"));
        assertThat(lines).anyMatch(l -> l.contains("bundle/target/keycloak-security-essentials-*.jar"));
        Path realms = dockerDir.resolveSibling("realm-config").resolve("target/classes/realms");
        for (String profile : List.of("24h", "15m", "24h-nist", "15m-nist")) {
            assertThat(realms.resolve("kse-realm-" + profile + ".json")).as("profile " + profile).isRegularFile();
        }
    }

    @Test
    void composeAndEnvExampleCommitNoSecrets() throws IOException {
        String compose = Files.readString(dockerDir.resolve("compose.yaml"));
        assertThat(compose).contains("${KSE_DB_PASSWORD").contains("${KSE_ADMIN_PASSWORD");
        assertThat(compose).doesNotContainPattern("(?i)password:\\s*[\"']?[a-z0-9]");
        String envExample = Files.readString(dockerDir.resolve(".env.example"));
        assertThat(envExample).contains("KSE_DB_PASSWORD=change-me").contains("KSE_ADMIN_PASSWORD=change-me");
    }
}
