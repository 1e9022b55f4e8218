package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.PasskeyRegisterPage;
import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import io.kse.keycloak.it.support.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginConfigTotpPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * What Keycloak 26.7 itself records in the event store when second factors are enrolled (required actions) and removed
 * (account REST API): the facts the security-notification listener builds on. Asserts the current behaviour, gaps
 * included (they are listed in authenticators/README.md).
 */
@KeycloakIntegrationTest
class CredentialEventsIT {

    private static final String APP_LABEL = "Work phone";
    private static final String PASSKEY_LABEL = "kse-it-passkey";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectPage
    LoginConfigTotpPage totpPage;

    @InjectPage
    PasskeyRegisterPage passkeyRegisterPage;

    @InjectPage
    RecoveryCodesSetupPage recoveryCodesPage;

    private final HttpClient http = HttpClient.newHttpClient();
    private MfaBrowser mfa;
    private VirtualAuthenticator authenticator;

    @BeforeEach
    void steps() {
        mfa = new MfaBrowser(realm, oauth, browser);
    }

    @AfterEach
    void removeAuthenticator() {
        if (authenticator != null) {
            ((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(authenticator);
            authenticator = null;
        }
    }

    /**
     * Ends every session of the realm: the browser's cookies of this server survive deleteAll() on the OAuth callback
     * page (another host), so a session left behind would sign the next test's user in by single sign-on.
     */
    @AfterEach
    void endSessions() {
        realm.admin().users().list(0, 500).forEach(user -> realm.admin().users().get(user.getId()).logout());
    }

    @Test
    void anAuthenticatorAppAndRecoveryCodesLeaveUpdateAndRemoveCredentialEvents() throws Exception {
        String admin = mfa.user("admin");
        String userId = mfa.id(admin);
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        choicePage.chooseAuthenticatorApp();
        totpPage.assertCurrent();
        String secret = totpPage.getTotpSecret();
        browser.findElement(By.id("totp")).sendKeys(Totp.code(secret, Instant.now()));
        browser.findElement(By.id("userLabel")).sendKeys(APP_LABEL);
        browser.findElement(By.id("saveTOTPBtn")).click();
        recoveryCodesPage.assertCurrent();
        List<String> codes = recoveryCodesPage.codes();
        recoveryCodesPage.confirmSaved();
        AccessTokenResponse tokens = mfa.tokens();

        EventRepresentation otpAdded = single(userId, "UPDATE_CREDENTIAL", "otp");
        EventRepresentation codesAdded = single(userId, "UPDATE_CREDENTIAL", "recovery-authn-codes");
        // Keycloak 26.7 names neither the new credential nor its label when an authenticator app is set up.
        assertThat(otpAdded.getDetails()).doesNotContainKeys("credential_id", "selected_credential_id", "credential_user_label");
        assertThat(codesAdded.getDetails()).doesNotContainKeys("credential_id", "selected_credential_id");
        assertThat(events(userId, "UPDATE_TOTP")).as("the deprecated event too").hasSize(1);
        assertNoSecrets(userId, secret, codes);

        CredentialRepresentation otp = credential(userId, "otp");
        CredentialRepresentation recovery = credential(userId, "recovery-authn-codes");
        assertThat(deleteThroughAccountApi(tokens.getAccessToken(), otp.getId())).isEqualTo(204);
        assertThat(deleteThroughAccountApi(tokens.getAccessToken(), recovery.getId())).isEqualTo(204);

        EventRepresentation otpRemoved = single(userId, "REMOVE_CREDENTIAL", "otp");
        assertThat(otpRemoved.getDetails())
                .containsEntry("selected_credential_id", otp.getId())
                .containsEntry("credential_user_label", APP_LABEL)
                .doesNotContainKey("credential_id");
        assertThat(events(userId, "REMOVE_TOTP")).as("the deprecated event too").hasSize(1);
        EventRepresentation codesRemoved = single(userId, "REMOVE_CREDENTIAL", "recovery-authn-codes");
        assertThat(codesRemoved.getDetails()).containsEntry("selected_credential_id", recovery.getId());
        assertNoSecrets(userId, secret, codes);
    }

    @Test
    void aPasskeyLeavesUpdateAndRemoveCredentialEventsWithItsLabel() throws Exception {
        authenticator = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
        String admin = mfa.user("admin");
        String userId = mfa.id(admin);
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        choicePage.choosePasskey();
        passkeyRegisterPage.assertCurrent();
        passkeyRegisterPage.register(PASSKEY_LABEL);
        recoveryCodesPage.assertCurrent();
        recoveryCodesPage.confirmSaved();
        AccessTokenResponse tokens = mfa.tokens();

        EventRepresentation added = single(userId, "UPDATE_CREDENTIAL", "webauthn-passwordless");
        assertThat(added.getDetails())
                .containsEntry("public_key_credential_label", PASSKEY_LABEL)
                .containsKey("public_key_credential_id")
                .doesNotContainKeys("credential_id", "credential_user_label");

        CredentialRepresentation passkey = credential(userId, "webauthn-passwordless");
        assertThat(deleteThroughAccountApi(tokens.getAccessToken(), passkey.getId())).isEqualTo(204);

        EventRepresentation removed = single(userId, "REMOVE_CREDENTIAL", "webauthn-passwordless");
        assertThat(removed.getDetails())
                .containsEntry("selected_credential_id", passkey.getId())
                .containsEntry("credential_user_label", PASSKEY_LABEL);
    }

    private int deleteThroughAccountApi(String accessToken, String credentialId) throws Exception {
        URI uri = URI.create(urls.getBase() + "/realms/" + realm.getName() + "/account/credentials/" + credentialId);
        // Without Accept: application/json, /account/... is the account console's page, which has no DELETE (405).
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken)
                        .header("Accept", "application/json").DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private CredentialRepresentation credential(String userId, String type) {
        return realm.admin().users().get(userId).credentials().stream()
                .filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private List<EventRepresentation> events(String userId, String type) {
        return realm.admin().getEvents(List.of(type), null, userId, null, null, null, 0, 50);
    }

    private EventRepresentation single(String userId, String type, String credentialType) {
        List<EventRepresentation> matching = events(userId, type).stream()
                .filter(e -> credentialType.equals(e.getDetails().get("credential_type"))).toList();
        assertThat(matching).as(type + " " + credentialType).hasSize(1);
        return matching.get(0);
    }

    private void assertNoSecrets(String userId, String secret, List<String> codes) {
        for (EventRepresentation event : realm.admin().getEvents(null, null, userId, null, null, null, 0, 200)) {
            Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
            String text = details.toString();
            assertThat(text).doesNotContain(secret);
            codes.forEach(code -> assertThat(text).doesNotContain(code).doesNotContain(code.replace("-", "")));
        }
    }
}
