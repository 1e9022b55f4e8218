package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import io.kse.keycloak.it.support.Mails;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.HasCdp;

/**
 * "This wasn't me" end to end in Chromium: an administrator resets a password, the user's mail carries the link in both
 * parts, the link shows a confirmation page, and confirming it ends every session and API key, forces a new password,
 * alerts the realm's admins and records an event. Replayed, tampered, expired links and links opened while another
 * user is signed in are refused with a page that says so.
 */
@KeycloakIntegrationTest
class NotMeLinkIT {

    private static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-it-Passw0rd!");
    private static final String NEW_PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-n3w-Passw0rd!");
    private static final long TIMEOUT = 20_000;
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/login-actions/action-token\\?key=[A-Za-z0-9._-]+)");

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyCallerRealm.class)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectAdminClient
    Keycloak admin;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectPage
    LoginPage loginPage;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Every cookie of the browser, whatever page it shows: Selenium's deleteAll() only reaches the cookies visible to
     * the current page, so a previous test's signed-in user (already deleted) could still be remembered.
     */
    @BeforeEach
    void clearBrowser() {
        ((HasCdp) browser.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void confirmingTheLinkEndsEverythingForcesANewPasswordAlertsAdminsAndWorksOnlyOnce() throws Exception {
        String userId = createUser("notme.user", null);
        String adminId = createUser("notme.admin", "admin");
        String rootId = createUser("notme.root", "root");
        clearBrowser();
        try {
            JsonNode online = tokens("notme.user", null);
            JsonNode offline = tokens("notme.user", "offline_access");
            assertThat(offline.path("refresh_token").asText()).isNotEmpty();
            HttpResponse<String> key = send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/kse-api-keys"))
                    .header("Authorization", "Bearer " + online.get("access_token").asText())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"ci\"}")).build());
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
            SecretLedger.recordApiKeysIn(key.body());

            realm.admin().users().get(userId).resetPassword(password(NEW_PASSWORD));
            MimeMessage notice = awaitOne("notme.user@kse.test", "password was changed");
            String text = Mails.part(notice, "text/plain");
            String html = Mails.part(notice, "text/html");
            String link = link(text);
            assertThat(text).contains("Not you? Secure your account", "This wasn\u2019t me: " + link,
                    "The link works once and expires after 7 days.");
            assertThat(html).contains("href=\"" + link + "\"", "This wasn\u2019t me");
            String notificationId = sentNotificationId(userId, "password-changed");

            browser.open(link);
            awaitPage("kse-not-me-form");
            assertThat(browser.driver().getPageSource()).contains("Secure your account", "revoke your API keys");
            assertThat(refresh(online)).as("the GET alone changes nothing").isEqualTo(200);
            browser.findElement(By.id("kse-not-me-confirm")).click();
            awaitPage("kse-not-me-done");
            assertThat(browser.driver().getPageSource()).contains("Your account is secured");

            assertThat(refresh(online)).as("browser-less session").isEqualTo(400);
            assertThat(refresh(offline)).as("offline token").isEqualTo(400);
            assertThat(realm.admin().users().get(userId).getUserSessions()).isEmpty();
            assertThat(realm.admin().users().get(userId).toRepresentation().getRequiredActions())
                    .contains("UPDATE_PASSWORD");
            assertThat(apiKeyStatuses(userId)).containsExactly("revoked");

            for (String address : List.of("notme.admin@kse.test", "notme.root@kse.test")) {
                MimeMessage alert = awaitOne(address, "reported activity");
                assertThat(alert.getSubject()).isEqualTo("KSE: notme.user reported activity that was not theirs");
                assertThat(Mails.part(alert, "text/plain")).contains("used the \u201cThis wasn\u2019t me\u201d link")
                        .doesNotContain("action-token");
                assertThat(Mails.part(alert, "text/html")).contains("notme.user@kse.test");
            }
            // The reporter's mails: the password notice and, since API-key notices exist, the one of the key made above.
            assertThat(new Inbox(mail).to("notme.user@kse.test")).as("no alert to the reporter")
                    .extracting(MimeMessage::getSubject)
                    .containsExactlyInAnyOrder("KSE: your password was changed", "KSE: API key created: ci");

            List<EventRepresentation> events = realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null, userId,
                    null, null, null, 0, 100);
            assertThat(events).hasSize(1);
            Map<String, String> details = events.get(0).getDetails();
            assertThat(details).containsEntry("kse_action", "not-me").containsEntry("kse_notification_id", notificationId)
                    .containsEntry("kse_api_keys_revoked", "1").containsEntry("kse_offline_sessions_ended", "1")
                    .containsEntry("kse_required_actions", "UPDATE_PASSWORD");
            String token = link.substring(link.indexOf("key=") + 4);
            assertThat(details.values()).noneMatch(value -> value != null && value.contains(token.substring(0, 40)));

            browser.open(link);
            awaitText("This link was already used");
            assertThat(browser.driver().getPageSource()).doesNotContain("kse-not-me-form");

            browser.open(tamper(link));
            awaitText("This link is not valid");
            assertThat(events(userId)).as("no second report").hasSize(1);
        } finally {
            for (String id : new String[] {userId, adminId, rootId}) {
                realm.admin().users().delete(id).close();
            }
        }
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        String userId = createUser("notme.late", null);
        try {
            realm.admin().users().get(userId).resetPassword(password(NEW_PASSWORD));
            String link = link(Mails.part(awaitOne("notme.late@kse.test", "password was changed"), "text/plain"));

            timeOffSet.set(8 * 24 * 3600);
            browser.open(link);
            awaitText("This link has expired");
            assertThat(events(userId)).isEmpty();
            assertThat(realm.admin().users().get(userId).toRepresentation().getRequiredActions())
                    .doesNotContain("UPDATE_PASSWORD");
        } finally {
            timeOffSet.set(0);
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void aLinkOpenedWhileAnotherUserIsSignedInIsRefused() throws Exception {
        String userId = createUser("notme.victim", null);
        String otherId = createUser("notme.other", null);
        try {
            realm.admin().users().get(userId).resetPassword(password(NEW_PASSWORD));
            String link = link(Mails.part(awaitOne("notme.victim@kse.test", "password was changed"), "text/plain"));

            clearBrowser();
            oauth.openLoginForm();
            loginPage.fillLogin("notme.other", PASSWORD);
            loginPage.submit();
            browser.waiting().waitForOAuthCallback();

            browser.open(link);
            awaitText("You are already authenticated as different user 'notme.other'"); // Keycloak's own check
            assertThat(events(userId)).isEmpty();
            assertThat(realm.admin().users().get(otherId).getUserSessions()).hasSize(1);
        } finally {
            clearBrowser();
            realm.admin().users().delete(userId).close();
            realm.admin().users().delete(otherId).close();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static String link(String text) {
        Matcher matcher = LINK.matcher(text);
        assertThat(matcher.find()).as("a not-me link in %s", text).isTrue();
        return matcher.group(1);
    }

    /** The same link with the notice id in its payload changed: well-formed, but the signature no longer matches. */
    private String tamper(String link) throws Exception {
        String token = link.substring(link.indexOf("key=") + 4);
        String[] parts = token.split("\\.");
        ObjectNode payload = (ObjectNode) json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.put("kse_nid", "00000000-0000-0000-0000-000000000000");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(payload));
        return link.substring(0, link.indexOf("key=") + 4) + String.join(".", parts);
    }

    private void awaitPage(String elementId) throws InterruptedException {
        awaitSource("id=\"" + elementId + "\"");
    }

    private void awaitText(String text) throws InterruptedException {
        awaitSource(text);
    }

    private void awaitSource(String fragment) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!browser.driver().getPageSource().contains(fragment) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(browser.driver().getPageSource()).contains(fragment);
    }

    private MimeMessage awaitOne(String address, String subjectPart) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> found = new Inbox(mail).to(address).stream().filter(m -> subject(m).contains(subjectPart))
                    .toList();
            if (!found.isEmpty()) {
                assertThat(found).hasSize(1);
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail about \"" + subjectPart + "\" to " + address);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<EventRepresentation> events(String userId) {
        return realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null, userId, null, null, null, 0, 100);
    }

    private String createUser(String username, String role) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@kse.test");
        user.setEmailVerified(true);
        user.setFirstName("Not");
        user.setLastName("Me");
        user.setEnabled(true);
        user.setCredentials(List.of(password(PASSWORD)));
        String id;
        try (Response response = realm.admin().users().create(user)) {
            assertThat(response.getStatus()).as("create %s", username).isEqualTo(201);
            String path = response.getLocation().getPath();
            id = path.substring(path.lastIndexOf('/') + 1);
        }
        if (role != null) {
            RoleRepresentation representation = realm.admin().roles().get(role).toRepresentation();
            realm.admin().users().get(id).roles().realmLevel().add(List.of(representation));
        }
        return id;
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    /**
     * A password grant at a client whose tokens the API-key self-service accepts: a new session (offline with scope
     * offline_access).
     */
    private JsonNode tokens(String username, String scope) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", ApiKeyCallerRealm.CLIENT,
                "username", username, "password", PASSWORD));
        if (scope != null) {
            form.put("scope", scope);
        }
        HttpResponse<String> response = tokenEndpoint(form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private int refresh(JsonNode tokens) throws Exception {
        return tokenEndpoint(Map.of("grant_type", "refresh_token", "client_id", ApiKeyCallerRealm.CLIENT,
                "refresh_token", tokens.get("refresh_token").asText())).statusCode();
    }

    private HttpResponse<String> tokenEndpoint(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private List<String> apiKeyStatuses(String userId) throws Exception {
        HttpResponse<String> response = adminGet("/kse-api-keys?user=" + userId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).findValuesAsText("status");
    }

    private String sentNotificationId(String userId, String kind) throws Exception {
        HttpResponse<String> response = adminGet("/kse-notifications?status=SENT");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode row : json.readTree(response.body())) {
            if (userId.equals(row.path("userId").asText()) && kind.equals(row.path("kind").asText())) {
                return row.get("id").asText();
            }
        }
        throw new AssertionError("no sent " + kind + " notice for " + userId);
    }

    private HttpResponse<String> adminGet(String path) throws Exception {
        String base = realm.getBaseUrl();
        String server = base.substring(0, base.indexOf("/realms/"));
        return send(HttpRequest.newBuilder(URI.create(server + "/admin/realms/" + realm.getName() + path))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
