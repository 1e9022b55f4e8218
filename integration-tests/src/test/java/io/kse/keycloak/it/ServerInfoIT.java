package io.kse.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.kse.keycloak.common.BundleInfo;
import io.kse.keycloak.it.support.BundleJar;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.ThemeInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** The jar dropped into providers/ is picked up whole: every provider of ours reports the bundle version. */
@KeycloakIntegrationTest
class ServerInfoIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void serverInfoListsEveryProviderOfTheBundleWithItsVersion() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();

        List<Map<String, String>> ours = info.getProviders().values().stream()
                .flatMap(spi -> spi.getProviders().values().stream())
                .map(ProviderRepresentation::getOperationalInfo)
                .filter(operational -> operational != null
                        && BundleInfo.BUNDLE_NAME.equals(operational.get("bundle")))
                .toList();

        assertThat(ours).hasSameSizeAs(BundleJar.providerFactories());
        assertThat(ours).allSatisfy(operational ->
                assertThat(operational).containsEntry(BundleInfo.VERSION_KEY, System.getProperty("bundle.version")));
    }

    @Test
    void serverRunsTheKeycloakVersionTheBundleIsBuiltFor() {
        assertThat(admin.serverInfo().getInfo().getSystemInfo().getVersion()).isEqualTo(System.getProperty("keycloak.version"));
    }

    @Test
    void theKseLoginThemeIsAvailable() {
        List<ThemeInfoRepresentation> loginThemes = admin.serverInfo().getInfo().getThemes().get("login");

        assertThat(loginThemes).extracting(ThemeInfoRepresentation::getName).contains("kse");
    }
}
