package io.kse.keycloak.it.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The maintenance pass against the server's clock, moved with a time offset, triggered through the admin endpoint
 * (the scheduled job runs the same pass once a day): reminders and expiry notices once per key, deletion after 30 days.
 */
@KeycloakIntegrationTest
class ApiKeyMaintenanceIT {

    private static final String EVENT_TYPE = "CUSTOM_REQUIRED_ACTION";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private ApiKeyFixture keys;
    private String maintainer;

    @BeforeEach
    void fixture() {
        keys = new ApiKeyFixture(realm, urls.getBase());
        maintainer = keys.newUser("monitor");
        ClientRepresentation management = realm.admin().clients().findByClientId("realm-management").get(0);
        RoleRepresentation manageRealm = realm.admin().clients().get(management.getId()).roles().get("manage-realm")
                .toRepresentation();
        realm.admin().users().get(keys.id(maintainer)).roles().clientLevel(management.getId()).add(List.of(manageRealm));
    }

    @Test
    void aDefaultKeyGetsEachNoticeOnceAndIsDeletedThirtyDaysAfterExpiry() {
        String user = keys.newUser("developer");
        JsonNode created = keys.createKey(user, "{\"label\":\"nightly export\"}");
        String keyId = created.get("id").asText();

        timeOffSet.set(Duration.ofDays(77));
        pass();
        pass();
        assertThat(notices(keyId)).containsExactly("reminder_14");
        Map<String, String> reminder = noticeEvents(keyId).get(0).getDetails();
        assertThat(reminder).containsEntry("kse_api_key_days_left", "13")
                .containsEntry("kse_api_key_label", "nightly export")
                .containsEntry("custom_required_action", "kse-api-key-expiry")
                .containsEntry("credential_type", "api-key");
        assertThat(noticeEvents(keyId).get(0).getUserId()).isEqualTo(keys.id(user));
        assertThat(String.valueOf(reminder)).as("never the key or its secret")
                .doesNotContain(ApiKeyFixture.secret(created.get("key").asText()));

        timeOffSet.set(Duration.ofDays(88));
        pass();
        pass();
        assertThat(notices(keyId)).containsExactlyInAnyOrder("reminder_14", "reminder_3");
        assertThat(noticeEvents(keyId).stream().filter(e -> "reminder_3".equals(e.getDetails().get("kse_api_key_notice")))
                .findFirst().orElseThrow().getDetails()).containsEntry("kse_api_key_days_left", "2");

        timeOffSet.set(Duration.ofDays(91));
        pass();
        pass();
        assertThat(notices(keyId)).containsExactlyInAnyOrder("reminder_14", "reminder_3", "expired");

        timeOffSet.set(Duration.ofDays(90 + 29));
        pass();
        assertThat(keys.list(user).json()).as("still listed as expired within 30 days").hasSize(1);
        assertThat(notices(keyId)).hasSize(3);

        timeOffSet.set(Duration.ofDays(90 + 31));
        pass();
        assertThat(keys.list(user).json()).as("the row is gone").isEmpty();
    }

    @Test
    void aKeyFoundTwoDaysBeforeExpiryGetsOnlyTheThreeDayReminder() {
        String user = keys.newUser("developer");
        String keyId = keys.createKey(user).get("id").asText();

        timeOffSet.set(Duration.ofDays(88));
        pass();
        assertThat(notices(keyId)).containsExactly("reminder_3");
    }

    @Test
    void revokedKeysGetNoNotices() {
        String user = keys.newUser("developer");
        String keyId = keys.createKey(user).get("id").asText();
        assertThat(keys.revoke(user, keyId).status()).isEqualTo(204);

        timeOffSet.set(Duration.ofDays(77));
        pass();
        timeOffSet.set(Duration.ofDays(91));
        pass();
        assertThat(notices(keyId)).isEmpty();
    }

    @Test
    void twoConcurrentPassesSendTheReminderOnce() {
        String user = keys.newUser("developer");
        String keyId = keys.createKey(user).get("id").asText();

        timeOffSet.set(Duration.ofDays(80));
        String token = keys.http.login(realm.getName(), maintainer);
        CompletableFuture<ApiKeyHttp.Reply> first = CompletableFuture.supplyAsync(
                () -> keys.http.admin(realm.getName(), token, "POST", "/maintenance"));
        CompletableFuture<ApiKeyHttp.Reply> second = CompletableFuture.supplyAsync(
                () -> keys.http.admin(realm.getName(), token, "POST", "/maintenance"));
        assertThat(first.join().status()).as(first.join().body()).isEqualTo(200);
        assertThat(second.join().status()).as(second.join().body()).isEqualTo(200);
        assertThat(notices(keyId)).containsExactly("reminder_14");
    }

    @Test
    void triggeringAPassNeedsManageRealm() {
        String developer = keys.newUser("developer");
        ApiKeyHttp.Reply refused = keys.http.admin(realm.getName(), keys.http.login(realm.getName(), developer),
                "POST", "/maintenance");
        assertThat(refused.status()).isEqualTo(403);
    }

    private void pass() {
        ApiKeyHttp.Reply reply = keys.http.admin(realm.getName(), keys.http.login(realm.getName(), maintainer), "POST",
                "/maintenance");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private List<EventRepresentation> noticeEvents(String keyId) {
        return keys.events(EVENT_TYPE).stream()
                .filter(e -> e.getDetails() != null && keyId.equals(e.getDetails().get("kse_api_key_id")))
                .toList();
    }

    private List<String> notices(String keyId) {
        return noticeEvents(keyId).stream().map(e -> e.getDetails().get("kse_api_key_notice")).toList();
    }
}
