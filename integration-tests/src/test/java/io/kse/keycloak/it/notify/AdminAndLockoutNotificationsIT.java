package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import io.kse.keycloak.it.support.Mails;
import io.kse.keycloak.it.support.RealmAdminApi;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Notices of what others did to an account: brute-force lockout (one mail for a burst of failed sign-ins), a second
 * factor removed by an administrator (named by its label), and an API key revoked by an administrator.
 */
@KeycloakIntegrationTest
class AdminAndLockoutNotificationsIT {

    private static final String ACTOR = "service-account-temp-admin";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyCallerRealm.class)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectAdminClient
    Keycloak admin;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aBurstOfFailedSignInsThatLocksTheAccountIsMailedOnce() throws Exception {
        NotifyUsers users = new NotifyUsers(realm);
        String userId = users.create("lock.user", "Lena", "Lock", "fr");
        try {
            // The template locks after 10 failures (and sooner for failures less than a second apart).
            for (int i = 0; i < 14; i++) {
                assertThat(passwordGrant("lock.user", "wrong-password-" + i)).isIn(400, 401);
            }
            MimeMessage locked = new Inbox(mail).single("lock.user@kse.test", m -> true);
            assertThat(locked.getSubject())
                    .isEqualTo("KSE : votre compte a \u00e9t\u00e9 bloqu\u00e9 apr\u00e8s des tentatives de connexion \u00e9chou\u00e9es");
            String text = Mails.part(locked, "text/plain");
            assertThat(text).contains("Votre compte a \u00e9t\u00e9 bloqu\u00e9", "sur votre compte lock.user",
                    "Le blocage prend fin de lui-m\u00eame", "Adresse IP: 127.0.0.1")
                    .doesNotContain("wrong-password", "action-token");
            assertThat(Mails.part(locked, "text/html")).contains("Votre compte a \u00e9t\u00e9 bloqu\u00e9")
                    .doesNotContain("kse-not-me-link");
            assertThat(realm.admin().attackDetection().bruteForceUserStatus(userId)).containsEntry("disabled", true);
        } finally {
            realm.admin().attackDetection().clearBruteForceForUser(userId);
            users.delete(userId);
        }
    }

    @Test
    void aSecondFactorRemovedByAnAdministratorIsNamedWithTheAdministrator() throws Exception {
        NotifyUsers users = new NotifyUsers(realm);
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setSecretData("{\"value\":\"kse-notify-admin-removal-20b\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        String userId = users.create("cred.user", "Carl", "Cred", null, otp);
        try {
            String credentialId = realm.admin().users().get(userId).credentials().stream()
                    .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();
            realm.admin().users().get(userId).setCredentialUserLabel(credentialId, "Work <i>phone</i>");

            realm.admin().users().get(userId).removeCredential(credentialId);

            MimeMessage removed = new Inbox(mail).single("cred.user@kse.test", Inbox.subjectContains("removed"));
            assertThat(removed.getSubject()).isEqualTo("KSE: sign-in method removed: Work <i>phone</i>");
            assertThat(Mails.part(removed, "text/plain")).contains(
                    "The sign-in method \u201cWork <i>phone</i>\u201d was removed from your account cred.user.",
                    "Done by administrator: " + ACTOR);
            assertThat(Mails.part(removed, "text/html")).contains("Work &lt;i&gt;phone&lt;/i&gt;", ">" + ACTOR + "<")
                    .doesNotContain("<i>phone");
        } finally {
            users.delete(userId);
        }
    }

    @Test
    void anApiKeyRevokedByAnAdministratorIsMailedToItsOwnerNamingTheAdministrator() throws Exception {
        NotifyUsers users = new NotifyUsers(realm);
        String userId = users.create("revoked.owner", "Rita", "Owner", null);
        try {
            String token = new RealmAdminApi(serverUrl(), realm.getName()).selfServiceLogin("revoked.owner", NotifyUsers.PASSWORD);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/kse-api-keys"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"deploy bot\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode key = json.readTree(created.body());
            new Inbox(mail).single("revoked.owner@kse.test", Inbox.subjectContains("API key created"));

            HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/admin/realms/"
                            + realm.getName() + "/kse-api-keys/" + key.get("id").asText()))
                    .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);

            MimeMessage notice = new Inbox(mail).single("revoked.owner@kse.test", Inbox.subjectContains("API key revoked"));
            assertThat(notice.getSubject()).isEqualTo("KSE: API key revoked: deploy bot");
            String text = Mails.part(notice, "text/plain");
            assertThat(text).contains("The API key \u201cdeploy bot\u201d of your account revoked.owner was revoked",
                    "Key ID: " + key.get("id").asText(), "Done by administrator: " + ACTOR)
                    .doesNotContain(key.get("key").asText());
            assertThat(Mails.part(notice, "text/html")).contains(">" + ACTOR + "<");

            // Revoking all of a user's keys at once tells the owner about each of them.
            List<String> bulk = List.of("nightly", "backup");
            for (String label : bulk) {
                HttpResponse<String> more = http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/kse-api-keys"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(more.statusCode()).as(more.body()).isEqualTo(201);
            }
            HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/admin/realms/"
                            + realm.getName() + "/kse-api-keys/users/" + userId))
                    .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
            assertThat(json.readTree(all.body()).get("revoked").asInt()).isEqualTo(2);
            for (String label : bulk) {
                MimeMessage each = new Inbox(mail).single("revoked.owner@kse.test", Inbox.subjectContains("API key revoked: " + label));
                assertThat(Mails.part(each, "text/plain")).contains("Done by administrator: " + ACTOR);
            }
        } finally {
            users.delete(userId);
        }
    }

    private int passwordGrant(String username, String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String serverUrl() {
        String base = realm.getBaseUrl();
        return base.substring(0, base.indexOf("/realms/"));
    }
}
