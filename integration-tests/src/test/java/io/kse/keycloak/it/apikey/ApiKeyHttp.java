package io.kse.keycloak.it.apikey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import io.kse.keycloak.it.support.SecretLedger;
import org.keycloak.util.JsonSerialization;

/**
 * Plain HTTP as the users and apps of a realm call it: user tokens (password grant, plus the one-time code for MFA
 * users) from {@link ApiKeyCallerRealm#CLIENT} for the self-service API and from {@code admin-cli} for the admin API, the self-service and admin key APIs, the token endpoint with the key grant,
 * and introspection.
 */
final class ApiKeyHttp {

    static final String GRANT_TYPE = "urn:kse:params:oauth:grant-type:api-key";

    record Reply(int status, String body, HttpResponse<String> raw) {

        JsonNode json() {
            try {
                return JsonSerialization.mapper.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String field(String name) {
            JsonNode value = json().get(name);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    ApiKeyHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A fresh admin-cli token of the user, for the admin API (a new session each time). */
    String login(String realm, String username) {
        String otp = ApiKeyRealm.otp(username);
        Reply reply = form(realm, "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", username,
                "password", ApiKeyRealm.PASSWORD, "otp", otp == null ? "" : otp));
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + reply.status() + " " + reply.body());
        }
        return reply.field("access_token");
    }

    /** A fresh token the self-service API accepts (audience kse-api-keys), with the one-time code for MFA users. */
    String userToken(String realm, String username) {
        String otp = ApiKeyRealm.otp(username);
        Reply reply = form(realm, "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "password", "client_id", ApiKeyCallerRealm.CLIENT, "username", username,
                "password", ApiKeyRealm.PASSWORD, "otp", otp == null ? "" : otp));
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + reply.status() + " " + reply.body());
        }
        return reply.field("access_token");
    }

    Reply selfService(String realm, String token, String method, String path, String json) {
        return send(realm == null ? path : baseUrl + "/realms/" + realm + "/kse-api-keys" + path, token, method, json);
    }

    Reply admin(String realm, String token, String method, String path) {
        return send(baseUrl + "/admin/realms/" + realm + "/kse-api-keys" + path, token, method, null);
    }

    /** The key grant with the key as given (URL-encoded, so a NUL arrives as a NUL). */
    Reply exchange(String realm, String clientId, String apiKey) {
        return form(realm, "/protocol/openid-connect/token", basic(clientId), Map.of("grant_type", GRANT_TYPE, "api_key", apiKey));
    }

    Reply exchange(String realm, String clientId, String apiKey, String scope) {
        return form(realm, "/protocol/openid-connect/token", basic(clientId),
                Map.of("grant_type", GRANT_TYPE, "api_key", apiKey, "scope", scope));
    }

    Reply introspect(String realm, String clientId, String token) {
        return form(realm, "/protocol/openid-connect/token/introspect", basic(clientId), Map.of("token", token));
    }

    private Reply send(String url, String token, String method, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private Reply form(String realm, String path, String authorization, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() || !e.getKey().equals("otp"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            SecretLedger.recordApiKeysIn(response.body());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String clientId) {
        return "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(ApiKeyRealm.APP_SECRET))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
