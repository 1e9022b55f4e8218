package io.kse.keycloak.cluster.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What the tests do in realm {@value #REALM}, each call sent to the node given. */
public final class Kse {

    public static final String REALM = "kse";
    public static final String PASSWORD = "Kse-cluster-Passw0rd!";
    public static final String API_KEY_GRANT = "urn:kse:params:oauth:grant-type:api-key";

    private final Cluster cluster;

    Kse(Cluster cluster) {
        this.cluster = cluster;
    }

    /** A master-realm administrator's token, issued by (and valid on) every node: they share one hostname. */
    public String adminToken(KeycloakNode node) {
        Http.Reply reply = Http.form(node.url() + "/realms/master/protocol/openid-connect/token", null, null,
                Http.fields("grant_type", "password", "client_id", "admin-cli", "username", Cluster.ADMIN,
                        "password", Cluster.ADMIN_PASSWORD), null);
        return RealmSetup.expect(reply, 200, "admin login on " + node).field("access_token");
    }

    public static String email(String username) {
        return username + "@kse.test";
    }

    /** A user with a verified address and a policy-compliant password, created through {@code node}; its id. */
    public String createUser(KeycloakNode node, String username, String... realmRoles) {
        String token = adminToken(node);
        String users = admin(node) + "/users";
        RealmSetup.expect(Http.json("POST", users, token, Map.of("username", username, "email", email(username),
                "emailVerified", true, "enabled", true, "firstName", "Cluster", "lastName", "Tester",
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))), 201,
                "create user " + username);
        String id = RealmSetup.expect(Http.json("GET", users + "?exact=true&username=" + username, token, null), 200,
                "find user").json().get(0).get("id").asText();
        for (String role : realmRoles) {
            JsonNode rep = RealmSetup.expect(Http.json("GET", admin(node) + "/roles/" + role, token, null), 200, "role").json();
            RealmSetup.expect(Http.json("POST", users + "/" + id + "/role-mappings/realm", token, List.of(rep)), 204,
                    "grant " + role);
        }
        return id;
    }

    /** {@code prefix-0 … prefix-(count-1)}, created four at a time, alternately through A and B; their ids in order. */
    public List<String> createUsers(String prefix, int count) {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(4);
        try {
            return pool.submit(() -> java.util.stream.IntStream.range(0, count).parallel()
                    .mapToObj(i -> createUser(i % 2 == 0 ? cluster.a : cluster.b, prefix + "-" + i)).toList()).join();
        } finally {
            pool.shutdown();
        }
    }

    public Http.Reply setRequiredActions(KeycloakNode node, String userId, String... actions) {
        return Http.json("PUT", admin(node) + "/users/" + userId, adminToken(node), Map.of("requiredActions", List.of(actions)));
    }

    /** An administrator's password reset: the user gets a "password changed" notice. */
    public Http.Reply resetPassword(KeycloakNode node, String adminToken, String userId, String password) {
        return Http.json("PUT", admin(node) + "/users/" + userId + "/reset-password", adminToken,
                Map.of("type", "password", "value", password, "temporary", false));
    }

    public Http.Reply passwordGrant(KeycloakNode node, String username, String password, String otp) {
        Map<String, String> form = Http.fields("grant_type", "password", "username", username, "password", password,
                "scope", "openid");
        if (otp != null) {
            form.put("otp", otp);
        }
        return Http.form(token(node), RealmSetup.APP, RealmSetup.SECRET, form, null);
    }

    /** A user's own access token for the self-service key API (client {@code cluster-cli}, audience kse-api-keys). */
    public String userToken(KeycloakNode node, String username) {
        Http.Reply reply = Http.form(token(node), null, null, Http.fields("grant_type", "password", "client_id",
                RealmSetup.CLI, "username", username, "password", PASSWORD), null);
        return RealmSetup.expect(reply, 200, "login of " + username + " on " + node).field("access_token");
    }

    public Http.Reply createApiKey(KeycloakNode node, String userToken, String label) {
        return Http.json("POST", node.url() + "/realms/" + REALM + "/kse-api-keys", userToken,
                Map.of("label", label, "expiresInDays", 30));
    }

    public Http.Reply revokeApiKey(KeycloakNode node, String userToken, String keyId) {
        return Http.json("DELETE", node.url() + "/realms/" + REALM + "/kse-api-keys/" + keyId, userToken, null);
    }

    public Http.Reply exchangeApiKey(KeycloakNode node, String apiKey) {
        return Http.form(token(node), RealmSetup.KEYS_APP, RealmSetup.SECRET,
                Http.fields("grant_type", API_KEY_GRANT, "api_key", apiKey), null);
    }

    public Http.Reply maintenance(KeycloakNode node, String adminToken) {
        return Http.json("POST", admin(node) + "/kse-api-keys/maintenance", adminToken, null);
    }

    /** Stored user events of a type, newest first. */
    public JsonNode events(KeycloakNode node, String type, String userId) {
        return RealmSetup.expect(Http.json("GET", admin(node) + "/events?type=" + type + "&user=" + userId + "&max=100",
                adminToken(node), null), 200, "events").json();
    }

    public JsonNode credentials(KeycloakNode node, String userId) {
        return RealmSetup.expect(Http.json("GET", admin(node) + "/users/" + userId + "/credentials", adminToken(node), null),
                200, "credentials").json();
    }

    public static String redirectUri() {
        return RealmSetup.REDIRECT;
    }

    public static String appId() {
        return RealmSetup.APP;
    }

    public String admin(KeycloakNode node) {
        return node.url() + "/admin/realms/" + REALM;
    }

    public String token(KeycloakNode node) {
        return node.url() + "/realms/" + REALM + "/protocol/openid-connect/token";
    }

    /** A password that passes the template's policy and differs per call (history keeps the last 5). */
    public static String newPassword(int n) {
        return "Kse-Changed-" + n + "-" + Instant.now().toEpochMilli() % 100_000 + "-Pw!";
    }
}
