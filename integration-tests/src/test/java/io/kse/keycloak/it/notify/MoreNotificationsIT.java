package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import io.kse.keycloak.it.support.Mails;
import io.kse.keycloak.it.support.RealmAdminApi;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * API-key notices end to end: keys created, rotated and revoked through the self-service REST API (as a user's app
 * would), expiry notices from the maintenance pass (admin endpoint, server clock moved), then the outbox, the worker,
 * the {@code kse} theme and GreenMail, asserted on the parsed MIME message (both parts).
 */
@KeycloakIntegrationTest
class MoreNotificationsIT {

    private static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-it-Passw0rd!");
    /** Markup, quotes and a Unicode line separator (the API refuses only C0/C1 control characters). */
    private static final String LABEL = "<b>CI</b> & \"deploy\"\u2028Bcc: evil@attacker.test";
    private static final String LABEL_ONE_LINE = "<b>CI</b> & \"deploy\" Bcc: evil@attacker.test";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyCallerRealm.class)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void createdRotatedAndRevokedKeysAreMailedToTheOwnerNamingTheKeyButNeverTheSecret() throws Exception {
        String userId = createUser("key.owner", "key.owner@kse.test");
        try {
            JsonNode created = keys("key.owner", "POST", "", json.writeValueAsString(
                    Map.of("label", LABEL, "expiresInDays", 30)), 201);
            String keyId = created.get("id").asText();
            String secretKey = created.get("key").asText();

            MimeMessage createdMail = new Inbox(mail).single("key.owner@kse.test", Inbox.subjectContains("API key created"));
            assertThat(createdMail.getSubject()).isEqualTo("KSE: API key created: " + LABEL_ONE_LINE);
            assertThat(createdMail.getHeader("Bcc")).as("the label stays out of the headers").isNull();
            assertThat(createdMail.getAllRecipients()).hasSize(1);
            String text = Mails.part(createdMail, "text/plain");
            String html = Mails.part(createdMail, "text/html");
            assertThat(text).contains("An API key was created for your account",
                    "The API key \u201c" + LABEL_ONE_LINE + "\u201d was created for your account key.owner.",
                    "Key label: " + LABEL_ONE_LINE, "Key ID: " + keyId, "Expires: ", " UTC", "IP address: 127.0.0.1",
                    "If this wasn't you", "This wasn\u2019t me: http");
            assertThat(html).contains("An API key was created for your account",
                    "&lt;b&gt;CI&lt;/b&gt; &amp; &quot;deploy&quot;", ">" + keyId + "<", "id=\"kse-not-me-link\"")
                    .doesNotContain("<b>CI</b>");
            assertThat(text + html).as("never the key or its secret").doesNotContain(secretKey, secretKey.substring(16, 48));

            JsonNode rotated = keys("key.owner", "POST", "/" + keyId + "/rotate", null, 201, 200);
            String newKeyId = rotated.get("id").asText();
            MimeMessage rotatedMail = new Inbox(mail).single("key.owner@kse.test", Inbox.subjectContains("API key rotated"));
            assertThat(rotatedMail.getSubject()).isEqualTo("KSE: API key rotated: " + LABEL_ONE_LINE);
            assertThat(Mails.part(rotatedMail, "text/plain")).contains("was replaced by a new key", "Key ID: " + newKeyId,
                    "Expires: ").doesNotContain(rotated.get("key").asText());
            assertThat(Mails.part(rotatedMail, "text/html")).contains("An API key of your account was rotated",
                    "id=\"kse-not-me-link\"");

            keys("key.owner", "DELETE", "/" + newKeyId, null, 204);
            MimeMessage revokedMail = new Inbox(mail).single("key.owner@kse.test", Inbox.subjectContains("API key revoked"));
            assertThat(revokedMail.getSubject()).isEqualTo("KSE: API key revoked: " + LABEL_ONE_LINE);
            assertThat(Mails.part(revokedMail, "text/plain")).contains("was revoked and no longer works", "Key ID: " + newKeyId);
            assertThat(Mails.part(revokedMail, "text/html")).contains("An API key of your account was revoked",
                    "&lt;b&gt;CI&lt;/b&gt;");
        } finally {
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void theMaintenancePassMailsEachExpiryNoticeOnceInTheOwnersLanguage() throws Exception {
        String userId = createUser("key.expiry", "key.expiry@kse.test");
        String maintainerId = createUser("key.maintainer", "key.maintainer@kse.test");
        try {
            grantManageRealm(maintainerId);
            String keyId = keys("key.expiry", "POST", "", "{\"label\":\"nightly export\"}", 201).get("id").asText();
            new Inbox(mail).single("key.expiry@kse.test", Inbox.subjectContains("API key created"));

            timeOffSet.set(Duration.ofDays(77));
            maintenance();
            maintenance();
            MimeMessage reminder14 = new Inbox(mail).single("key.expiry@kse.test", Inbox.subjectContains("14 days"));
            assertThat(reminder14.getSubject()).isEqualTo("KSE: your API key nightly export expires in 14 days");
            String text = Mails.part(reminder14, "text/plain");
            assertThat(text).contains("The API key \u201cnightly export\u201d of your account key.expiry expires in 14 days.",
                    "Key ID: " + keyId, "Expires: ", "If you still need the key")
                    .doesNotContain("Browser and system", "IP address", "This wasn\u2019t me");
            assertThat(Mails.part(reminder14, "text/html")).contains("Your API key expires in 14 days", keyId)
                    .doesNotContain("kse-not-me-link");

            timeOffSet.set(Duration.ofDays(88));
            maintenance();
            MimeMessage reminder3 = new Inbox(mail).single("key.expiry@kse.test", Inbox.subjectContains("3 days"));
            assertThat(reminder3.getSubject()).isEqualTo("KSE: your API key nightly export expires in 3 days");
            assertThat(Mails.part(reminder3, "text/plain")).contains("expires in 3 days.", "Key ID: " + keyId);
            assertThat(Mails.part(reminder3, "text/html")).contains("Your API key expires in 3 days");

            timeOffSet.set(Duration.ofDays(91));
            maintenance();
            MimeMessage expired = new Inbox(mail).single("key.expiry@kse.test", Inbox.subjectContains("has expired"));
            assertThat(expired.getSubject()).isEqualTo("KSE: your API key nightly export has expired");
            assertThat(Mails.part(expired, "text/plain")).contains("has expired and no longer works.", "Key ID: " + keyId);
            assertThat(Mails.part(expired, "text/html")).contains("Your API key has expired");
            assertThat(new Inbox(mail).to("key.expiry@kse.test")).as("created, 14, 3, expired").hasSize(4);
        } finally {
            timeOffSet.set(Duration.ZERO);
            realm.admin().users().delete(userId).close();
            realm.admin().users().delete(maintainerId).close();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The self-service key API with a fresh token of the user (as {@code ApiKeyFixture} does). */
    private JsonNode keys(String username, String method, String path, String body, int... expected) throws Exception {
        String token = api().selfServiceLogin(username, PASSWORD);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/kse-api-keys" + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        SecretLedger.recordApiKeysIn(response.body());
        assertThat(response.statusCode()).as(response.body()).isIn(box(expected));
        return response.body().isBlank() ? null : json.readTree(response.body());
    }

    private void maintenance() throws Exception {
        String token = api().login("key.maintainer", PASSWORD);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/admin/realms/"
                        + realm.getName() + "/kse-api-keys/maintenance")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void grantManageRealm(String userId) {
        ClientRepresentation management = realm.admin().clients().findByClientId("realm-management").get(0);
        List<RoleRepresentation> roles = List.of(
                realm.admin().clients().get(management.getId()).roles().get("manage-realm").toRepresentation(),
                realm.admin().clients().get(management.getId()).roles().get("view-users").toRepresentation());
        realm.admin().users().get(userId).roles().clientLevel(management.getId()).add(roles);
    }



    private String createUser(String username, String email) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Kim");
        user.setLastName("Keys");
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = realm.admin().users().create(user)) {
            assertThat(response.getStatus()).as("create %s", username).isEqualTo(201);
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private String serverUrl() {
        String base = realm.getBaseUrl();
        return base.substring(0, base.indexOf("/realms/"));
    }

    private RealmAdminApi api() {
        return new RealmAdminApi(serverUrl(), realm.getName());
    }

    private static Integer[] box(int... values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }
}
