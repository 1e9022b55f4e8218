package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * With SMTP refusing every connection and {@code max-attempts} = 2, a notification becomes DEAD: the admin endpoint
 * lists it, the Micrometer counter counts it, and it is never sent, not even once SMTP is back.
 */
@KeycloakIntegrationTest(config = DeadLetterServerConfig.class)
class DeadLetterIT {

    private static final Pattern DEAD_COUNTER = Pattern.compile("(?m)^kse_notifications_dead_lettered_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$");

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aNotificationThatCannotBeSentIsDeadLetteredCountedListedAndNeverSentLater() throws Exception {
        NotifyUsers users = new NotifyUsers(realm);
        String userId = users.create("dead.letter", "Dee", "Letter", null);
        Map<String, String> smtp = realm.admin().toRepresentation().getSmtpServer();
        double deadBefore = deadLettered();
        try {
            RealmRepresentation down = new RealmRepresentation();
            down.setSmtpServer(new HashMap<>(smtp));
            down.getSmtpServer().put("port", "3999"); // nothing listens there
            realm.admin().update(down);

            realm.admin().users().get(userId).resetPassword(password("Kse-d3ad-Letter-Pw!"));

            Map<String, Object> dead = awaitDead(userId);
            assertThat(dead).containsEntry("kind", "password-changed").containsEntry("recipient", "dead.letter@kse.test")
                    .containsEntry("attempts", DeadLetterServerConfig.MAX_ATTEMPTS);
            assertThat(dead.get("sentAt")).as("never sent (Keycloak's JSON leaves out nulls)").isNull();
            assertThat((String) dead.get("lastError")).as("an exception class, no address or body").isNotBlank()
                    .doesNotContain("dead.letter@kse.test");
            assertThat(deadLettered()).as("the counter").isEqualTo(deadBefore + 1);

            RealmRepresentation up = new RealmRepresentation();
            up.setSmtpServer(smtp);
            realm.admin().update(up);
            // A later change goes out; the dead one does not come back with it.
            realm.admin().users().get(userId).resetPassword(password("Kse-4live-Again-Pw!"));
            new Inbox(mail).single("dead.letter@kse.test", m -> true);
            assertThat(notifications("DEAD", userId)).singleElement().satisfies(n -> assertThat(n.get("id")).isEqualTo(dead.get("id")));
            assertThat(notifications("SENT", userId)).singleElement()
                    .satisfies(n -> assertThat(n.get("id")).isNotEqualTo(dead.get("id")));
        } finally {
            RealmRepresentation restore = new RealmRepresentation();
            restore.setSmtpServer(smtp);
            realm.admin().update(restore);
            users.delete(userId);
        }
    }

    private Map<String, Object> awaitDead(String userId) throws Exception {
        long deadline = System.currentTimeMillis() + Inbox.DELIVERY_TIMEOUT;
        List<Map<String, Object>> dead = notifications("DEAD", userId);
        while (dead.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            dead = notifications("DEAD", userId);
        }
        assertThat(dead).as("dead letters of the user").hasSize(1);
        assertThat(notifications("PENDING", userId)).isEmpty();
        return dead.get(0);
    }

    private List<Map<String, Object>> notifications(String status, String userId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/admin/realms/"
                        + realm.getName() + "/kse-notifications?status=" + status))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> all = json.readValue(response.body(), new TypeReference<>() {
        });
        return all.stream().filter(n -> userId.equals(n.get("userId"))).toList();
    }

    /** The counter as Prometheus scrapes it from the management interface; 0 before the first dead letter. */
    private double deadLettered() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(urls.getMetric())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher matcher = DEAD_COUNTER.matcher(response.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }
}
