package io.kse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** java.net.http, no redirects followed, no cookie handler (logins keep their own jar), and a minimal admin client. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    static String form(String... pairs) {
        StringJoiner joiner = new StringJoiner("&");
        for (int i = 0; i < pairs.length; i += 2) {
            joiner.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return joiner.toString();
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> postForm(String url, String authorization, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Admin REST as the bootstrap admin of master; the token (60 s in master) is renewed after 30 s. */
    static final class Admin {
        private String token;
        private long tokenAt;

        private String token() throws IOException, InterruptedException {
            if (token == null || System.nanoTime() - tokenAt > 30_000_000_000L) {
                HttpResponse<String> response = postForm(Server.BASE + "/realms/master/protocol/openid-connect/token", null,
                        form("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
                token = expect(response, 200).get("access_token").asText();
                tokenAt = System.nanoTime();
            }
            return token;
        }

        JsonNode send(String method, String path, Object body, int... expected) throws IOException, InterruptedException {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(Server.BASE + "/admin/realms" + path))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return expect(response, expected);
        }

        /** Creates a confidential client; {@code attributes} may be empty. */
        void createClient(String realm, String clientId, String secret, boolean serviceAccount, boolean standardFlow,
                          String redirectUri, Map<String, String> attributes) throws IOException, InterruptedException {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("clientId", clientId);
            client.put("enabled", true);
            client.put("protocol", "openid-connect");
            client.put("publicClient", false);
            client.put("clientAuthenticatorType", "client-secret");
            client.put("secret", secret);
            client.put("serviceAccountsEnabled", serviceAccount);
            client.put("standardFlowEnabled", standardFlow);
            client.put("directAccessGrantsEnabled", false);
            if (redirectUri != null) {
                client.put("redirectUris", List.of(redirectUri));
            }
            client.put("attributes", attributes);
            send("POST", "/" + realm + "/clients", client, 201);
        }

        void clearCaches(String realm) throws IOException, InterruptedException {
            send("POST", "/" + realm + "/clear-user-cache", null, 204);
            send("POST", "/" + realm + "/clear-realm-cache", null, 204);
        }

        void setEventListeners(String realm, List<String> listeners) throws IOException, InterruptedException {
            ObjectNode config = (ObjectNode) send("GET", "/" + realm + "/events/config", null, 200);
            config.set("eventsListeners", JSON.valueToTree(listeners));
            send("PUT", "/" + realm + "/events/config", config, 204);
        }

        void setSmtp(String realm, int port) throws IOException, InterruptedException {
            Map<String, Object> smtp = Map.of("host", "127.0.0.1", "port", Integer.toString(port),
                    "from", "noreply@bench.localhost", "fromDisplayName", "KSE benchmark");
            send("PUT", "/" + realm, Map.of("smtpServer", smtp), 204);
        }
    }

    static JsonNode expect(HttpResponse<String> response, int... expected) throws IOException {
        for (int status : expected) {
            if (response.statusCode() == status) {
                String body = response.body();
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                + response.statusCode() + ": " + abbreviate(response.body()));
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
