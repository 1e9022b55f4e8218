package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.kse.keycloak.it.pages.MfaChoicePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/** The browser Enforce-MFA step with a 7-day grace period: "Not now" while it lasts, password-level tokens, then hard. */
@KeycloakIntegrationTest
class MfaGracePeriodIT {

    private static final int GRACE_DAYS = 7;
    private static final String SIGN_IN_AGAIN = "Multi-factor authentication is now required for this account and "
            + "this session was not started with it. Sign in again.";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private MfaBrowser mfa;

    @BeforeEach
    void gracePeriod() {
        mfa = new MfaBrowser(realm, oauth, browser);
        MfaRealmSettings.enforceMfa(realm, "graceDays", Integer.toString(GRACE_DAYS));
    }

    @AfterEach
    void resetClock() {
        timeOffSet.set(0);
    }

    @Test
    void withinTheGracePeriodAnAdminMaySkipOnceStartedTheCountdownRunsAndTheLoginIsNotMfa() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);

        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).hasValue("Not now (7 days left)");
        assertThat(choicePage.offeredMethods()).containsExactly("passkey", "authenticator-app");
        choicePage.notNow();
        AccessTokenResponse tokens = mfa.tokens();

        assertThat(mfa.acr(tokens)).as("a skipped login is not an MFA login").isEqualTo("password");
        assertThat(mfa.credentialTypes(admin)).containsExactly("password");
        assertThat(oauth.doRefreshTokenRequest(tokens.getRefreshToken()).getStatusCode())
                .as("kse-mfa-session lets a session within its grace period refresh").isEqualTo(200);
        AccessTokenResponse passwordGrant = oauth.doPasswordGrantRequest(admin, MfaBrowser.PASSWORD);
        assertThat(passwordGrant.getStatusCode()).as("the password grant never gets a grace period").isEqualTo(400);
        mfa.logOut(admin);

        // The start was recorded once, at the first login: three days later, four are left, not seven.
        timeOffSet.set(Duration.ofDays(3));
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).hasValue("Not now (4 days left)");
    }

    @Test
    void afterTheGracePeriodThereIsNoSkipAndAForgedSkipIsRefused() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).isPresent();

        timeOffSet.set(Duration.ofDays(GRACE_DAYS).plusMinutes(1));
        mfa.submitPassword(admin);

        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).as("no skip after the period").isEmpty();
        choicePage.submitTampered("not-now");
        choicePage.assertCurrent();
        assertThat(choicePage.getErrorMessage()).hasValue("Choose one of the methods offered on this page.");
        assertThat(realm.admin().users().get(mfa.id(admin)).getUserSessions()).isEmpty();
    }

    @Test
    void aSessionThatSkippedCannotRefreshOnceTheGracePeriodEnded() {
        MfaRealmSettings.enforceMfa(realm, "graceDays", "1");
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).hasValue("Not now (1 day left)");

        // Skip 10 minutes before the period ends, then refresh 5 minutes after it (the SSO session itself is alive).
        timeOffSet.set(Duration.ofDays(1).minusMinutes(10));
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        choicePage.notNow();
        AccessTokenResponse tokens = mfa.tokens();
        timeOffSet.set(Duration.ofDays(1).plusMinutes(5));

        AccessTokenResponse refused = oauth.doRefreshTokenRequest(tokens.getRefreshToken());

        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getErrorDescription()).isEqualTo(SIGN_IN_AGAIN);
    }

    @Test
    void withoutAGracePeriodNotNowIsNeitherOfferedNorAccepted() {
        MfaRealmSettings.enforceMfa(realm, "graceDays", "0");
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);

        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).isEmpty();
        choicePage.submitTampered("not-now");
        choicePage.assertCurrent();
        assertThat(choicePage.getErrorMessage()).hasValue("Choose one of the methods offered on this page.");
    }

    @Test
    void theUserCannotResetTheStartThroughTheAccountApi() throws Exception {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        choicePage.notNow();
        AccessTokenResponse tokens = mfa.tokens();

        // The account console's own call, with the attribute added: had it been stored, the period would have ended.
        String account = urls.getBase() + "/realms/" + realm.getName() + "/account/";
        HttpResponse<String> profile = send(HttpRequest.newBuilder(URI.create(account)), tokens.getAccessToken());
        assertThat(profile.statusCode()).isEqualTo(200);
        String forged = profile.body().replaceFirst("\\{", "{\"attributes\":{\"kse-mfa-grace-start\":[\"0\"]},");
        HttpResponse<String> update = send(HttpRequest.newBuilder(URI.create(account))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(forged)), tokens.getAccessToken());
        assertThat(update.statusCode()).isIn(200, 204, 400);
        mfa.logOut(admin);

        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).hasValue("Not now (7 days left)");
    }

    @Test
    void aRealmWhoseUsersMayEditUnmanagedAttributesGetsNoGracePeriod() {
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        UPConfig.UnmanagedAttributePolicy original = profile.getUnmanagedAttributePolicy();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.admin().users().userProfile().update(profile);
        realm.cleanup().add(r -> {
            UPConfig restored = r.users().userProfile().getConfiguration();
            restored.setUnmanagedAttributePolicy(original);
            r.users().userProfile().update(restored);
        });
        String admin = mfa.user("admin");

        mfa.submitPassword(admin);

        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).as("fail closed: the start could be reset by the user").isEmpty();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
