package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.kse.keycloak.it.pages.RecoveryCodeLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodesPromptPage;
import io.kse.keycloak.it.support.Mails;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium: signing in with a recovery code (Keycloak's own form) is reported to the user with the number of codes
 * left, as a "running out" notice below the realm's warning threshold; asking to change the email address through
 * Keycloak's update-email action is reported to the current address before the new one is verified.
 */
@KeycloakIntegrationTest
class RecoveryCodeAndEmailRequestNotificationsIT {

    private static final List<String> CODES = List.of("AAAA1111BBBB", "CCCC2222DDDD", "EEEE3333FFFF", "GGGG4444HHHH",
            "JJJJ5555KKKK", "LLLL6666MMMM");

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectRunOnServer
    RunOnServerClient server;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    RecoveryCodeLoginPage recoveryCodePage;

    @InjectPage
    RecoveryCodesPromptPage promptPage;

    @BeforeEach
    void clearBrowser() {
        ((HasCdp) browser.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Test
    void aRecoveryCodeUsedToSignInIsReportedWithTheCodesLeftAndAsRunningOutBelowTheThreshold() throws Exception {
        NotifyUsers users = new NotifyUsers(realm);
        String plentyId = users.create("codes.plenty", "Paul", "Plenty", null);
        String fewId = users.create("codes.few", "Fay", "Few", "es");
        try {
            String realmName = realm.getName();
            server.run(session -> giveRecoveryCodes(session, realmName, "codes.plenty", CODES));
            List<String> four = List.copyOf(CODES.subList(0, 4));
            server.run(session -> giveRecoveryCodes(session, realmName, "codes.few", four));

            signInWithRecoveryCode("codes.plenty", false);
            MimeMessage used = new Inbox(mail).single("codes.plenty@kse.test", m -> true);
            assertThat(used.getSubject()).isEqualTo("KSE: a recovery code was used to sign in");
            String text = Mails.part(used, "text/plain");
            assertThat(text).contains("A recovery code was used to sign in to your account codes.plenty. Unused codes left: 5.",
                    "Codes left: 5", "Browser and system: Chrome ", "This wasn\u2019t me: http");
            assertThat(Mails.part(used, "text/html")).contains("A recovery code was used", "id=\"kse-not-me-link\"");
            assertThat(text + Mails.part(used, "text/html")).as("never a code").doesNotContain(CODES.get(0), CODES.get(1));

            // Four codes, one used: three left, below Keycloak's default threshold of four.
            clearBrowser();
            signInWithRecoveryCode("codes.few", true);
            MimeMessage low = new Inbox(mail).single("codes.few@kse.test", m -> true);
            assertThat(low.getSubject()).isEqualTo("KSE: se ha usado un c\u00f3digo de recuperaci\u00f3n, solo quedan 3");
            assertThat(Mails.part(low, "text/plain")).contains("Solo quedan 3 c\u00f3digos sin usar.",
                    "Genera pronto nuevos c\u00f3digos de recuperaci\u00f3n");
            assertThat(Mails.part(low, "text/html")).contains("Te quedan pocos c\u00f3digos de recuperaci\u00f3n");
        } finally {
            users.delete(plentyId, fewId);
        }
    }

    @Test
    void anEmailChangeRequestedThroughTheUpdateEmailActionIsReportedToTheCurrentAddressBeforeVerification()
            throws Exception {
        RealmRepresentation original = realm.admin().toRepresentation();
        // Keycloak 26.7 registers the update-email action disabled; the account console then edits the address directly.
        RequiredActionProviderRepresentation updateEmail = realm.admin().flows().getRequiredAction("UPDATE_EMAIL");
        boolean wasEnabled = updateEmail.isEnabled();
        NotifyUsers users = new NotifyUsers(realm);
        String userId = users.create("mail.request", "Mia", "Request", null);
        try {
            updateEmail.setEnabled(true);
            realm.admin().flows().updateRequiredAction("UPDATE_EMAIL", updateEmail);
            RealmRepresentation verifying = new RealmRepresentation();
            verifying.setVerifyEmail(true);
            realm.admin().update(verifying);
            UserRepresentation user = realm.admin().users().get(userId).toRepresentation();
            user.setRequiredActions(List.of("UPDATE_EMAIL"));
            realm.admin().users().get(userId).update(user);

            oauth.openLoginForm();
            loginPage.fillLogin("mail.request", NotifyUsers.PASSWORD);
            loginPage.submit();
            new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("kc-update-email-form")));
            browser.findElement(By.id("email")).clear();
            browser.findElement(By.id("email")).sendKeys("mail.request.new@kse.test");
            browser.findElement(By.id("kc-submit")).click();

            MimeMessage notice = new Inbox(mail).single("mail.request@kse.test", m -> true);
            assertThat(notice.getSubject()).isEqualTo("KSE: a change of your email address was requested");
            String text = Mails.part(notice, "text/plain");
            assertThat(text).contains("A change of the email address of your account mail.request was requested.",
                    "If you did not ask for this", "This wasn\u2019t me: http").doesNotContain("mail.request.new@kse.test");
            assertThat(Mails.part(notice, "text/html")).contains("A change of your email address was requested",
                    "id=\"kse-not-me-link\"");
            // Keycloak's own verification link goes to the new address; ours does not.
            List<MimeMessage> toNew = new Inbox(mail).await("mail.request.new@kse.test", 1, Inbox.DELIVERY_TIMEOUT);
            assertThat(toNew).hasSize(1);
            assertThat(toNew.get(0).getSubject()).doesNotStartWith("KSE:");
            assertThat(realm.admin().users().get(userId).toRepresentation().getEmail())
                    .as("nothing changes before verification").isEqualTo("mail.request@kse.test");
        } finally {
            RealmRepresentation restore = new RealmRepresentation();
            restore.setVerifyEmail(original.isVerifyEmail());
            realm.admin().update(restore);
            updateEmail.setEnabled(wasEnabled);
            realm.admin().flows().updateRequiredAction("UPDATE_EMAIL", updateEmail);
            users.delete(userId);
        }
    }

    /** With few codes left, kse-enforce-mfa's prompt for new codes comes first; "Later" goes on to the app. */
    private void signInWithRecoveryCode(String username, boolean expectPrompt) {
        oauth.openLoginForm();
        loginPage.fillLogin(username, NotifyUsers.PASSWORD);
        loginPage.submit();
        recoveryCodePage.assertCurrent();
        recoveryCodePage.enter(CODES.get(recoveryCodePage.requestedCodeNumber() - 1));
        if (expectPrompt) {
            promptPage.assertCurrent();
            promptPage.later();
        }
        browser.waiting().waitForOAuthCallback();
    }

    /** Stores recovery codes as Keycloak's setup does, without its event (so no "generated" notice). */
    private static void giveRecoveryCodes(KeycloakSession session, String realmName, String username, List<String> codes) {
        RealmModel realm = session.realms().getRealmByName(realmName);
        session.getContext().setRealm(realm);
        UserModel user = session.users().getUserByUsername(realm, username);
        user.credentialManager().createStoredCredential(
                RecoveryAuthnCodesCredentialModel.createFromValues(codes, System.currentTimeMillis(), null));
    }
}
