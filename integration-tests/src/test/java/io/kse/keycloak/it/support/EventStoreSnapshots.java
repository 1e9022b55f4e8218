package io.kse.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.config.Config;
import org.keycloak.testframework.server.KeycloakServer;
import org.keycloak.util.JsonSerialization;

/**
 * After every integration test, copies the user-event and admin-event stores of every realm on the server to
 * {@code target/event-store/<test class>/}. The test framework deletes a class's realms (and their events) when the
 * class ends, so {@code NoSecretLeaksIT}, which runs last, searches these copies. Registered for every test through
 * JUnit's extension auto-detection ({@code junit-platform.properties}); does nothing outside integration tests.
 */
public final class EventStoreSnapshots implements AfterEachCallback {

    public static final Path DIRECTORY = Path.of(System.getProperty("kse.event.snapshots", "target/event-store"));
    /** The bootstrap admin client the test framework creates in the master realm. */
    private static final String ADMIN_CLIENT = "temp-admin";
    private static final String ADMIN_SECRET = "mysecret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        if (!testClass.isAnnotationPresent(KeycloakIntegrationTest.class)) {
            return;
        }
        String base = baseUrl();
        String token = adminToken(base);
        Path target = DIRECTORY.resolve(testClass.getSimpleName());
        Files.createDirectories(target);
        for (JsonNode realm : JsonSerialization.mapper.readTree(get(base + "/admin/realms?briefRepresentation=true", token))) {
            String name = realm.get("realm").asText();
            String path = base + "/admin/realms/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
            Files.writeString(target.resolve(name + ".events.json"), get(path + "/events?first=0&max=100000", token));
            Files.writeString(target.resolve(name + ".admin-events.json"), get(path + "/admin-events?first=0&max=100000", token));
        }
    }

    public static String baseUrl() {
        int port = Config.getValueTypeConfig(KeycloakServer.class, "http.port", "18080", Integer.class);
        return "http://localhost:" + port;
    }

    /** A master-realm admin token from the bootstrap admin client, as the server's clock sees it (time offsets included). */
    public static String adminToken(String base) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + ADMIN_CLIENT + "&client_secret=" + ADMIN_SECRET;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin token: HTTP " + response.statusCode());
        }
        return JsonSerialization.mapper.readTree(response.body()).get("access_token").asText();
    }

    static String get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("GET " + url + ": HTTP " + response.statusCode()));
        }
        return response.body();
    }
}
