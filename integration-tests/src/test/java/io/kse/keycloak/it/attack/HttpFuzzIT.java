package io.kse.keycloak.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.kse.keycloak.it.support.EventStoreSnapshots;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * Random requests at the bundle's public endpoints on the real server: the API-key grant at the token endpoint, the
 * self-service API (with a user's token, none or garbage), the "this wasn't me" action-token endpoints, and our admin
 * endpoints with a valid admin token. A seeded generator ({@code -Dkse.fuzz.seed}, logged in every failure) and a
 * fixed number of requests per target keep it bounded and reproducible. Nothing may answer 5xx; every refusal of our
 * JSON endpoints is a 4xx with an {@code error} in the body, and of the browser endpoints a 4xx or an error page.
 */
@KeycloakIntegrationTest
class HttpFuzzIT {

    private static final long SEED = Long.getLong("kse.fuzz.seed", 0x5EED_0F_A77ACCL);
    private static final int REQUESTS_PER_TARGET = 60;
    private static final String GRANT = "urn:kse:params:oauth:grant-type:api-key";
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};
    private static final String[] SPECIAL = {"", "\u0000", "\r\n", "%", "%00", "../", "..%2F", "<script>", "\"", "'", "{", "}",
            "\uFFFF", "\uD83D\uDD11", "\u0430", "kse_", "null", "-1", "9999999999999999999999", "\u202E", " ", "&", "=", "#", "?"};

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = AttackRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();

    @Test
    void noRandomRequestGetsA5xxAndEveryRefusalSaysWhy() throws Exception {
        Http http = new Http(urls.getBase());
        String realmPath = "/realms/" + realm.getName();
        // A fresh failure-limit window: earlier tests' failures from this address must not turn every answer into
        // the rate-limit path, which would keep the fuzzed keys away from the parser and the lookup.
        timeOffSet.set(Duration.ofMinutes(15));
        String userToken = http.selfServiceToken(realm.getName(), "dev.attacker", AttackRealm.PASSWORD, null);
        String adminToken = EventStoreSnapshots.adminToken(urls.getBase());
        String validKey = http.send("POST", realmPath + "/kse-api-keys", Http.bearer(userToken), "application/json",
                "{\"label\":\"fuzz\"}").field("key");
        int requests = 0;

        for (int i = 0; i < REQUESTS_PER_TARGET; i++, requests++) {
            Map<String, String> form = new java.util.LinkedHashMap<>();
            form.put("grant_type", random.nextInt(10) == 0 ? text(20) : GRANT);
            form.put("api_key", random.nextBoolean() ? mutate(validKey) : text(random.nextInt(5) == 0 ? 5000 : 80));
            if (random.nextBoolean()) {
                form.put(text(8), text(20));
            }
            if (random.nextInt(4) == 0) {
                form.put("scope", text(30));
            }
            String auth = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> "Basic " + headerText(30);
                default -> Http.basic(AttackRealm.APP, random.nextInt(5) == 0 ? text(10) : AttackRealm.APP_SECRET);
            };
            check(http.form(realmPath + "/protocol/openid-connect/token", auth, form), "token " + form.keySet(), true);
        }

        for (int i = 0; i < REQUESTS_PER_TARGET; i++, requests++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String path = realmPath + "/kse-api-keys" + randomPath();
            String auth = switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> "Bearer " + headerText(40);
                default -> Http.bearer(userToken);
            };
            boolean body = !method.equals("GET") && !method.equals("DELETE") && random.nextBoolean();
            check(http.send(method, path, auth, body ? "application/json" : null, body ? json() : null),
                    "self-service " + method + " " + path, true);
        }

        for (int i = 0; i < REQUESTS_PER_TARGET / 2; i++, requests += 2) {
            String key = Http.encode(random.nextBoolean() ? jwtLike() : text(60));
            check(http.send("GET", realmPath + "/login-actions/action-token?key=" + key, null, null, null), "action-token GET", false);
            check(http.form(realmPath + "/login-actions/reset-credentials?key=" + key, null, Map.of(text(5), text(10))),
                    "action-token POST", false);
        }

        for (int i = 0; i < REQUESTS_PER_TARGET; i++, requests++) {
            String path = "/admin/realms/" + realm.getName() + switch (random.nextInt(4)) {
                case 0 -> "/kse-notifications?status=" + Http.encode(text(8)) + "&max=" + Http.encode(text(4));
                case 1 -> "/kse-notifications/" + Http.encode(text(40));
                case 2 -> "/kse-api-keys?user=" + Http.encode(text(20)) + "&status=" + Http.encode(text(6))
                        + "&label=" + Http.encode(text(10)) + "&first=" + Http.encode(text(3)) + "&max=" + Http.encode(text(3));
                default -> "/kse-api-keys" + randomPath();
            };
            String method = random.nextInt(3) == 0 ? METHODS[random.nextInt(METHODS.length)] : "GET";
            check(http.send(method, path, Http.bearer(adminToken), null, null), "admin " + method + " " + path, true);
        }

        assertThat(requests).isEqualTo(4 * REQUESTS_PER_TARGET);
        timeOffSet.set(Duration.ofMinutes(30)); // past the failure limit the fuzzing itself may have reached
        assertThat(http.form(realmPath + "/protocol/openid-connect/token", Http.basic(AttackRealm.APP, AttackRealm.APP_SECRET),
                Map.of("grant_type", GRANT, "api_key", validKey)).status()).as("the server still serves the valid key").isEqualTo(200);
        assertThat(failures).as("seed %d", SEED).isEmpty();
    }

    private void check(Http.Reply reply, String what, boolean jsonErrors) {
        String summary = what.length() > 200 ? what.substring(0, 200) : what;
        if (reply.status() >= 500) {
            failures.add(reply.status() + " for " + summary);
        } else if (reply.status() >= 400 && reply.body().isBlank()) {
            failures.add(reply.status() + " with an empty body for " + summary);
        } else if (reply.status() >= 400 && jsonErrors && reply.status() != 404 && reply.status() != 405
                && !reply.body().contains("error")) {
            failures.add(reply.status() + " without an error in the body for " + summary);
        }
    }

    private String randomPath() {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "/" + Http.encode(text(12));
            case 2 -> "/" + Http.encode(text(12)) + "/rotate";
            case 3 -> "/users/" + Http.encode(text(36));
            case 4 -> "/" + Http.encode(text(random.nextInt(3) == 0 ? 3000 : 20));
            default -> "/maintenance";
        };
    }

    private String json() {
        return switch (random.nextInt(6)) {
            case 0 -> "{\"label\":\"" + jsonEscape(text(30)) + "\",\"expiresInDays\":" + (random.nextInt(800) - 400) + "}";
            case 1 -> "{\"label\":" + random.nextInt() + ",\"roles\":\"" + jsonEscape(text(10)) + "\"}";
            case 2 -> "{\"overlapHours\":" + random.nextLong() + "}";
            case 3 -> "[".repeat(random.nextInt(2000));
            case 4 -> "{\"label\":\"x\",\"scopes\":[" + "\"" + jsonEscape(text(5)) + "\",".repeat(random.nextInt(50)) + "1]}";
            default -> text(200);
        };
    }

    private String jwtLike() {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(("{\"alg\":\"" + text(5) + "\",\"kid\":\"" + jsonEscape(text(8)) + "\"}").getBytes())
                + "." + base64.encodeToString(("{\"typ\":\"kse-not-me\",\"exp\":" + random.nextLong() + "}").getBytes())
                + "." + base64.encodeToString(text(32).getBytes());
    }

    /** A valid key with one to three characters changed, removed or inserted. */
    private String mutate(String key) {
        StringBuilder out = new StringBuilder(key);
        for (int n = 1 + random.nextInt(3); n > 0 && out.length() > 0; n--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.setCharAt(at, character());
                case 1 -> out.deleteCharAt(at);
                default -> out.insert(at, character());
            }
        }
        return out.toString();
    }

    private String text(int maxLength) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        while (out.length() < length) {
            if (random.nextInt(8) == 0) {
                out.append(SPECIAL[random.nextInt(SPECIAL.length)]);
            } else {
                out.append(character());
            }
        }
        return out.toString();
    }

    /** Printable ASCII only: an HTTP client cannot send anything else in a header. */
    private String headerText(int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int length = random.nextInt(maxLength + 1); out.length() < length; ) {
            out.append((char) (0x21 + random.nextInt(0x5E)));
        }
        return out.toString();
    }

    private char character() {
        return switch (random.nextInt(4)) {
            case 0 -> (char) (0x20 + random.nextInt(0x5F));
            case 1 -> "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".charAt(random.nextInt(62));
            case 2 -> (char) random.nextInt(0x20);
            default -> (char) (0xA0 + random.nextInt(0xD000));
        };
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
