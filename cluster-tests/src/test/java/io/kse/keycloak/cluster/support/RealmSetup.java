package io.kse.keycloak.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Imports the realm template (profile 24h) through node A's admin REST API, then points it at GreenMail and adds
 * the two clients the tests use.
 */
final class RealmSetup {

    static final String APP = "cluster-app";
    static final String KEYS_APP = "cluster-keys";
    /** A script-like public client whose tokens the self-service key API accepts (Audience mapper kse-api-keys). */
    static final String CLI = "cluster-cli";
    static final String SECRET = "cluster-app-secret-0123456789";
    static final String REDIRECT = "http://127.0.0.1/callback";

    private RealmSetup() {
    }

    static void apply(Cluster cluster) {
        String template;
        try {
            template = Files.readString(Path.of(System.getProperty("kse.realm.template")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String admin = cluster.kse.adminToken(cluster.a);
        String base = cluster.a.url() + "/admin/realms";
        // The test's administrator tokens outlive slow calls on a busy machine (user creation hashes a password).
        expect(Http.json("PUT", base + "/master", admin, Map.of("accessTokenLifespan", 900)), 204, "master token lifespan");
        expect(Http.json("POST", base, admin, template), 201, "import the realm template");

        Map<String, Object> realm = Map.of("smtpServer", Map.of(
                "host", "127.0.0.1", "port", String.valueOf(cluster.mail.port()), "from", "security@kse.test",
                "fromDisplayName", "KSE cluster test",
                // Milliseconds; the notification lease must exceed them.
                "timeout", "5000", "connectionTimeout", "5000", "writeTimeout", "5000"));
        expect(Http.json("PUT", base + "/" + Kse.REALM, admin, realm), 204, "configure SMTP");

        expect(Http.json("POST", base + "/" + Kse.REALM + "/clients", admin, Map.of(
                "clientId", APP, "secret", SECRET, "publicClient", false, "standardFlowEnabled", true,
                "directAccessGrantsEnabled", true, "redirectUris", List.of(REDIRECT))), 201, "create " + APP);
        expect(Http.json("POST", base + "/" + Kse.REALM + "/clients", admin, Map.of(
                "clientId", KEYS_APP, "secret", SECRET, "publicClient", false, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false, "attributes", Map.of("kse.apiKeyGrant", "true"))), 201,
                "create " + KEYS_APP);
        expect(Http.json("POST", base + "/" + Kse.REALM + "/clients", admin, Map.of(
                "clientId", CLI, "publicClient", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", true,
                "protocolMappers", List.of(Map.of("name", "audience kse-api-keys", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of(
                                "included.client.audience", "kse-api-keys", "access.token.claim", "true"))))),
                201, "create " + CLI);
    }

    static Http.Reply expect(Http.Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + reply);
        }
        return reply;
    }
}
