package io.kse.keycloak.it.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import io.kse.keycloak.it.support.SecretLedger;
import org.keycloak.util.JsonSerialization;

/** Plain HTTP as an attacker sends it: any method, path, header and body; the answer as it comes. */
final class Http {

    record Reply(int status, String body) {

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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply send(String method, String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            SecretLedger.recordApiKeysIn(response.body());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply form(String path, String authorization, Map<String, String> fields) {
        return send("POST", path, authorization, "application/x-www-form-urlencoded", fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    /** A password grant at the realm's public admin-cli client; {@code otp} may be null. */
    Reply login(String realm, String username, String password, String otp) {
        return login(realm, "admin-cli", username, password, otp);
    }

    /** A password grant through {@code clientId}, e.g. {@link ApiKeyCallerRealm#CLIENT} for the self-service key API. */
    Reply login(String realm, String clientId, String username, String password, String otp) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", password));
        if (otp != null) {
            fields.put("otp", otp);
        }
        return form("/realms/" + realm + "/protocol/openid-connect/token", null, fields);
    }

    String token(String realm, String username, String password, String otp) {
        return token(realm, "admin-cli", username, password, otp);
    }

    /** An access token of a client whose tokens the self-service key API accepts (audience {@code kse-api-keys}). */
    String selfServiceToken(String realm, String username, String password, String otp) {
        return token(realm, ApiKeyCallerRealm.CLIENT, username, password, otp);
    }

    Reply refresh(String realm, String clientId, String refreshToken) {
        return form("/realms/" + realm + "/protocol/openid-connect/token", null,
                Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
    }

    private String token(String realm, String clientId, String username, String password, String otp) {
        Reply reply = login(realm, clientId, username, password, otp);
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + ": " + reply.status() + " " + reply.body());
        }
        return reply.field("access_token");
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
