package io.kse.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realm's admin REST API as a realm user calls it: a token from the realm's own {@code admin-cli} client (password
 * grant), then plain HTTP, so tests see exactly the status codes a client sees.
 */
public final class RealmAdminApi {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final String baseUrl;
    private final String realm;
    private final UnaryOperator<String> otpFor;

    public RealmAdminApi(String baseUrl, String realm) {
        this(baseUrl, realm, username -> null);
    }

    /** {@code otpFor} gives the current one-time code of a user who must use MFA, null for a user without. */
    public RealmAdminApi(String baseUrl, String realm, UnaryOperator<String> otpFor) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.otpFor = otpFor;
    }

    /** Status code of {@code method /admin/realms/{realm}{path}} called by {@code username}. */
    public int call(String username, String password, String method, String path, String json) {
        return exchange(username, password, method, path, json).statusCode();
    }

    /** Status and body of {@code method /admin/realms/{realm}{path}} called by {@code username}. */
    public HttpResponse<String> exchange(String username, String password, String method, String path, String json) {
        String token = tokens.computeIfAbsent(username, u -> login(u, password));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return send(request);
    }

    /** Drops cached tokens, e.g. after the test ended their sessions. */
    public void forgetTokens() {
        tokens.clear();
    }

    /** Logs the user in (a new user session) and returns the access token. */
    public String login(String username, String password) {
        return login("admin-cli", username, password);
    }

    /**
     * A token the self-service API-key endpoints accept: from {@link ApiKeyCallerRealm#CLIENT} (audience
     * {@code kse-api-keys}); the realm needs {@link ApiKeyCallerRealm} in its configuration.
     */
    public String selfServiceLogin(String username, String password) {
        return login(ApiKeyCallerRealm.CLIENT, username, password);
    }

    private String login(String clientId, String username, String password) {
        String otp = otpFor.apply(username);
        String form = "grant_type=password&client_id=" + encode(clientId) + "&username=" + encode(username) + "&password=" + encode(password)
                + (otp == null ? "" : "&otp=" + encode(otp));
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("login of " + username + " failed with " + response.statusCode());
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
