package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kse.keycloak.it.support.Mails;
import io.kse.keycloak.it.support.RealmAdminApi;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import io.kse.keycloak.it.support.Totp;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Security notifications end to end: a real change through Keycloak's admin or account REST API, the outbox, the
 * delivery worker, the {@code kse} email theme and GreenMail, asserted on the parsed MIME message (both parts).
 */
@KeycloakIntegrationTest
class NotificationsIT {

    private static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-it-Passw0rd!");
    private static final String NEW_PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-n3w-Passw0rd!");

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectAdminClient
    Keycloak admin;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void passwordResetByAnAdminIsMailedOnceToTheUserNamingTheAdmin() throws Exception {
        String userId = createUser("pw.reset", "pw.reset@kse.test", "Paula", "Reset", null);
        try {
            realm.admin().users().get(userId).resetPassword(password(NEW_PASSWORD));

            MimeMessage message = single("pw.reset@kse.test");
            assertThat(message.getSubject()).isEqualTo("KSE: your password was changed");
            String text = Mails.part(message, "text/plain");
            String html = Mails.part(message, "text/html");
            // The framework's admin client is a service account of the master realm.
            assertThat(text).contains("Your password was changed", "The password of your account pw.reset was changed.",
                    "When: ", " UTC", "IP address: 127.0.0.1", "Browser and system: Apache-HttpClient/",
                    "Application: temp-admin", "Done by administrator: service-account-temp-admin", "If this wasn't you");
            assertThat(html).contains("Your password was changed", "Done by administrator", ">service-account-temp-admin<",
                    "If this wasn&#39;t you");
            assertThat(text + html).doesNotContain(NEW_PASSWORD);
        } finally {
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void aNotificationIsFoundByIdInItsOwnRealmOnly() throws Exception {
        String userId = createUser("pw.lookup", "pw.lookup@kse.test", "Luke", "Lookup", null);
        try {
            realm.admin().users().get(userId).resetPassword(password(NEW_PASSWORD));
            single("pw.lookup@kse.test");
            Map<String, Object> sent = notifications("SENT", userId).get(0);

            HttpResponse<String> found = adminGet(realm.getName(), "/" + sent.get("id"));
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(json.readValue(found.body(), Map.class)).containsEntry("userId", userId).containsEntry("status", "SENT");

            assertThat(adminGet("master", "/" + sent.get("id")).statusCode()).as("another realm").isEqualTo(404);
            assertThat(adminGet(realm.getName(), "/no-such-id").statusCode()).isEqualTo(404);
            assertThat(adminGet(realm.getName(), "/" + "x".repeat(500)).statusCode()).as("oversized id").isEqualTo(404);
        } finally {
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void aGermanSpeakingUserGetsTheMailInGerman() throws Exception {
        String userId = createUser("pw.de", "pw.de@kse.test", "Dora", "Deutsch", "de");
        try {
            realm.admin().users().get(userId).resetPassword(password(NEW_PASSWORD));

            MimeMessage message = single("pw.de@kse.test");
            assertThat(message.getSubject()).isEqualTo("KSE: Ihr Passwort wurde ge\u00e4ndert");
            assertThat(Mails.part(message, "text/plain"))
                    .contains("Das Passwort Ihres Kontos pw.de wurde ge\u00e4ndert.", "Zeitpunkt: ", "IP-Adresse: 127.0.0.1",
                            "Ausgef\u00fchrt von Administrator: service-account-temp-admin");
            assertThat(Mails.part(message, "text/html")).contains("Falls Sie das nicht waren");
        } finally {
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void aNewUserIsReportedToEveryHolderOfRootOrAdminWithTheNameEscaped() throws Exception {
        String adminId = createUser("notify.admin", "notify.admin@kse.test", "Ada", "Admin", null);
        String rootId = createUser("notify.root", "notify.root@kse.test", "Rod", "Root", null);
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        String newId = null;
        try {
            grant(adminId, "admin");
            grant(rootId, "root");
            // Keycloak's person-name validator refuses markup; switched off here to prove the mail escapes it anyway.
            realm.admin().users().userProfile().update(withoutNameValidators(profile));

            newId = createUser("eve.new", "eve.new@kse.test", "<b>Eve</b><script>x()</script>", "O'Neil & Co", null);

            MimeMessage toAdmin = new Inbox(mail).single("notify.admin@kse.test", Inbox.subjectContains("eve.new"));
            MimeMessage toRoot = new Inbox(mail).single("notify.root@kse.test", Inbox.subjectContains("eve.new"));
            for (MimeMessage message : List.of(toAdmin, toRoot)) {
                assertThat(message.getSubject()).isEqualTo("KSE: new user eve.new");
                String html = Mails.part(message, "text/html");
                assertThat(html).contains("&lt;b&gt;Eve&lt;/b&gt;&lt;script&gt;x()&lt;/script&gt;", "O&#39;Neil &amp; Co",
                        "eve.new@kse.test", "Done by administrator").doesNotContain("<b>Eve", "<script>");
                assertThat(Mails.part(message, "text/plain"))
                        .contains("The user <b>Eve</b><script>x()</script> O'Neil & Co (eve.new, eve.new@kse.test) was added to KSE.");
            }
            assertThat(new Inbox(mail).to("eve.new@kse.test")).as("the new user is not told about themselves").isEmpty();
        } finally {
            realm.admin().users().userProfile().update(profile);
            for (String id : new String[] {adminId, rootId, newId}) {
                if (id != null) {
                    realm.admin().users().delete(id).close();
                }
            }
        }
    }

    @Test
    void anEmailChangeIsReportedToTheOldAddressOnly() throws Exception {
        String userId = createUser("mail.change", "old.address@kse.test", "Otto", "Old", null);
        try {
            String token = api().login("mail.change", PASSWORD);
            HttpResponse<String> update = http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/account/"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mail.change\",\"firstName\":\"Otto\","
                            + "\"lastName\":\"Old\",\"email\":\"new.address@kse.test\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(update.statusCode()).as(update.body()).isEqualTo(204);

            MimeMessage message = single("old.address@kse.test");
            assertThat(message.getSubject()).isEqualTo("KSE: your email address was changed");
            assertThat(Mails.part(message, "text/plain")).contains("The email address of your account mail.change was changed.")
                    .doesNotContain("new.address@kse.test");
            assertThat(Mails.part(message, "text/html")).contains("Your email address was changed");
            assertThat(new Inbox(mail).to("new.address@kse.test")).isEmpty();
        } finally {
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void aRemovedAuthenticatorAppIsNamedByItsLabelWhichStaysOutOfTheHeaders() throws Exception {
        String secret = SecretLedger.record(Kind.OTP_SECRET, "kse-notify-totp-secret-20b");
        UserRepresentation user = user("otp.user", "otp.user@kse.test", "Olga", "Otp", null);
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setSecretData("{\"value\":\"" + secret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        user.setCredentials(new ArrayList<>(List.of(password(PASSWORD), otp)));
        String userId = create(user);
        try {
            String credentialId = realm.admin().users().get(userId).credentials().stream()
                    .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();
            realm.admin().users().get(userId).setCredentialUserLabel(credentialId,
                    "Phone\r\nBcc: evil@attacker.test\r\n<img src=x onerror=alert(1)>");

            String token = new RealmAdminApi(serverUrl(), realm.getName(), u -> Totp.code(secret, Instant.now())).login("otp.user", PASSWORD);
            HttpResponse<String> removed = http.send(HttpRequest.newBuilder(
                            URI.create(realm.getBaseUrl() + "/account/credentials/" + credentialId))
                    // Without JSON in Accept, /account/** is the account console, which has no DELETE.
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);

            MimeMessage message = single("otp.user@kse.test");
            assertThat(message.getSubject())
                    .isEqualTo("KSE: sign-in method removed: Phone Bcc: evil@attacker.test <img src=x onerror=alert(1)>")
                    .doesNotContain("\r", "\n");
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getAllRecipients()).hasSize(1);
            assertThat(Mails.part(message, "text/html"))
                    .contains("Phone Bcc: evil@attacker.test &lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
        } finally {
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void aChangeRejectedByThePasswordPolicySendsNothing() throws Exception {
        String adminId = createUser("policy.admin", "policy.admin@kse.test", "Pia", "Admin", null);
        String userId = createUser("policy.user", "policy.user@kse.test", "Pete", "User", null);
        try {
            grant(adminId, "admin");

            // Keycloak creates the user, then fails on the password: the whole request is rolled back.
            UserRepresentation refused = user("policy.refused", "policy.refused@kse.test", "Rita", "Refused", null);
            refused.setCredentials(List.of(password("short")));
            try (Response response = realm.admin().users().create(refused)) {
                assertThat(response.getStatus()).isEqualTo(400);
            }
            assertThat(realm.admin().users().searchByUsername("policy.refused", true)).isEmpty();
            assertThat(catchThrowableOfType(BadRequestException.class,
                    () -> realm.admin().users().get(userId).resetPassword(password("short")))).isNotNull();

            // A later, committed change is delivered; nothing before it was.
            realm.admin().users().get(userId).resetPassword(password(NEW_PASSWORD));
            single("policy.user@kse.test");
            // The admin hears of their own role grant, never of the user whose creation was rolled back.
            assertThat(new Inbox(mail).to("policy.admin@kse.test")).noneMatch(Inbox.subjectContains("policy.refused"));
            assertThat(notifications("PENDING", userId)).isEmpty();
        } finally {
            realm.admin().users().delete(adminId).close();
            realm.admin().users().delete(userId).close();
        }
    }

    @Test
    void mailsOfChangesMadeWhileSmtpIsDownAreDeliveredExactlyOnceWhenItReturns() throws Exception {
        String[] names = {"smtp.one", "smtp.two", "smtp.three"};
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(createUser(name, name + "@kse.test", "Sam", "Smtp", null));
        }
        RealmRepresentation original = realm.admin().toRepresentation();
        Map<String, String> smtp = original.getSmtpServer();
        try {
            RealmRepresentation down = new RealmRepresentation();
            down.setSmtpServer(new java.util.HashMap<>(smtp));
            down.getSmtpServer().put("port", "3999"); // nothing listens there
            realm.admin().update(down);

            for (String id : ids) {
                // The request neither waits for nor fails with the mail server.
                realm.admin().users().get(id).resetPassword(password(NEW_PASSWORD));
            }
            for (String id : ids) {
                assertThat(awaitNotification(id, n -> ((Number) n.get("attempts")).intValue() >= 1))
                        .as("a failed attempt is recorded for %s", id)
                        .containsEntry("status", "PENDING").containsEntry("kind", "password-changed");
            }
            assertThat(mail.getReceivedMessages()).isEmpty();

            RealmRepresentation up = new RealmRepresentation();
            up.setSmtpServer(smtp);
            realm.admin().update(up);

            for (String name : names) {
                assertThat(single(name + "@kse.test").getSubject()).isEqualTo("KSE: your password was changed");
            }
            for (String id : ids) {
                assertThat(notifications("PENDING", id)).isEmpty();
                assertThat(notifications("SENT", id)).singleElement()
                        .satisfies(n -> assertThat(((Number) n.get("attempts")).intValue()).isGreaterThanOrEqualTo(2));
            }
        } finally {
            RealmRepresentation restore = new RealmRepresentation();
            restore.setSmtpServer(smtp);
            realm.admin().update(restore);
            ids.forEach(id -> realm.admin().users().delete(id).close());
        }
    }

    @Test
    void serverInfoShowsTheEffectiveServerWideSettings() {
        Map<String, String> info = admin.serverInfo().getInfo().getProviders().get("eventsListener").getProviders()
                .get("kse-security-notifications").getOperationalInfo();

        // BundleServerConfig shortens the retry timing for the tests; the rest are the defaults.
        assertThat(info).containsEntry("poll-interval-seconds", "1").containsEntry("backoff-base-seconds", "1")
                .containsEntry("max-attempts", "30").containsEntry("recipient-roles", "root,admin")
                .containsEntry("privileged-roles", "root,admin").containsEntry("delivery-threads", "16")
                .containsEntry("rate-limit-per-hour", "20").containsEntry("coalesce-seconds", "60")
                .containsKey("bundle-version");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The one mail to {@code address}: it arrives, and no second one follows. */
    private MimeMessage single(String address) throws InterruptedException {
        return new Inbox(mail).single(address, m -> true);
    }



    private String createUser(String username, String email, String first, String last, String locale) {
        UserRepresentation user = user(username, email, first, last, locale);
        user.setCredentials(List.of(password(PASSWORD)));
        return create(user);
    }

    private String create(UserRepresentation user) {
        try (Response response = realm.admin().users().create(user)) {
            assertThat(response.getStatus()).as("create %s", user.getUsername()).isEqualTo(201);
            String path = response.getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    private static UserRepresentation user(String username, String email, String first, String last, String locale) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName(first);
        user.setLastName(last);
        user.setEnabled(true);
        if (locale != null) {
            user.setAttributes(Map.of("locale", List.of(locale)));
        }
        return user;
    }

    private void grant(String userId, String role) {
        RoleRepresentation representation = realm.admin().roles().get(role).toRepresentation();
        realm.admin().users().get(userId).roles().realmLevel().add(List.of(representation));
    }

    private static UPConfig withoutNameValidators(UPConfig original) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        UPConfig copy = mapper.readValue(mapper.writeValueAsString(original), UPConfig.class);
        for (String name : List.of("firstName", "lastName")) {
            UPAttribute attribute = copy.getAttribute(name);
            if (attribute != null && attribute.getValidations() != null) {
                attribute.getValidations().remove("person-name-prohibited-characters");
            }
        }
        return copy;
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    private String serverUrl() {
        String base = realm.getBaseUrl();
        return base.substring(0, base.indexOf("/realms/"));
    }

    private RealmAdminApi api() {
        return new RealmAdminApi(serverUrl(), realm.getName());
    }

    private HttpResponse<String> adminGet(String realmName, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/admin/realms/" + realmName + "/kse-notifications" + path))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The realm's notifications of one status about one user, through our admin endpoint. */
    private List<Map<String, Object>> notifications(String status, String userId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                        serverUrl() + "/admin/realms/" + realm.getName() + "/kse-notifications?status=" + status))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> all = json.readValue(response.body(), new TypeReference<>() {
        });
        return all.stream().filter(n -> userId.equals(n.get("userId"))).toList();
    }

    private Map<String, Object> awaitNotification(String userId, Predicate<Map<String, Object>> condition) throws Exception {
        long deadline = System.currentTimeMillis() + Inbox.DELIVERY_TIMEOUT;
        while (true) {
            List<Map<String, Object>> pending = notifications("PENDING", userId);
            if (pending.stream().anyMatch(condition) || System.currentTimeMillis() > deadline) {
                assertThat(pending).hasSize(1);
                return pending.get(0);
            }
            Thread.sleep(200);
        }
    }
}
