package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import io.kse.keycloak.it.support.Mails;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import io.kse.keycloak.it.support.Totp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginConfigTotpPage;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * Second factors enrolled in a real browser through Keycloak's own required actions: the user is told about the new
 * authenticator app (by the name they gave it) and about the recovery codes, each in its own mail.
 */
@KeycloakIntegrationTest
class EnrolmentNotificationsIT {

    private static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-it-Passw0rd!");
    private static final long TIMEOUT = 20_000;
    private static final long QUIET_PERIOD = 4_000;

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    LoginConfigTotpPage totpPage;

    @InjectPage
    RecoveryCodesSetupPage recoveryCodesPage;

    @Test
    void anAuthenticatorAppAndRecoveryCodesSetUpInTheBrowserAreEachReportedOnce() throws Exception {
        realm.addUser(UserBuilder.create().username("enrol.user").name("Erin", "Enrol").email("enrol.user@kse.test")
                .emailVerified(true).enabled(true).password(PASSWORD)
                .requiredActions("CONFIGURE_TOTP", "CONFIGURE_RECOVERY_AUTHN_CODES"));

        oauth.openLoginForm();
        loginPage.assertCurrent();
        loginPage.fillLogin("enrol.user", PASSWORD);
        loginPage.submit();

        totpPage.assertCurrent();
        String secret = SecretLedger.record(Kind.OTP_SECRET, totpPage.getTotpSecret());
        browser.findElement(By.id("totp")).sendKeys(Totp.code(secret, Instant.now()));
        browser.findElement(By.id("userLabel")).sendKeys("Work <b>phone</b>");
        browser.findElement(By.id("saveTOTPBtn")).click();

        recoveryCodesPage.assertCurrent();
        List<String> codes = recoveryCodesPage.codes();
        recoveryCodesPage.confirmSaved();
        browser.waiting().waitForOAuthCallback();

        List<MimeMessage> received = awaitMails("enrol.user@kse.test", 2);
        assertThat(received).hasSize(2);
        MimeMessage added = bySubject(received, "sign-in method added");
        MimeMessage recovery = bySubject(received, "recovery codes");

        assertThat(added.getSubject()).isEqualTo("KSE: sign-in method added: Work <b>phone</b>");
        assertThat(Mails.part(added, "text/plain"))
                .contains("The sign-in method \u201cWork <b>phone</b>\u201d was added to your account enrol.user.",
                        "Browser and system: Chrome ", " on Linux");
        assertThat(Mails.part(added, "text/html")).contains("Work &lt;b&gt;phone&lt;/b&gt;").doesNotContain("<b>phone");

        assertThat(recovery.getSubject()).isEqualTo("KSE: new recovery codes were generated");
        String text = Mails.part(recovery, "text/plain");
        String html = Mails.part(recovery, "text/html");
        assertThat(text).contains("New recovery codes were generated for your account enrol.user.");
        assertThat(codes).isNotEmpty().allSatisfy(code -> assertThat(text + html).doesNotContain(code));
        assertThat(text + html).doesNotContain(secret);
    }

    private List<MimeMessage> awaitMails(String address, int count) throws InterruptedException {
        Inbox inbox = new Inbox(mail);
        inbox.await(address, count, TIMEOUT);
        Thread.sleep(QUIET_PERIOD);
        return inbox.to(address);
    }

    private static MimeMessage bySubject(List<MimeMessage> messages, String text) {
        return messages.stream().filter(m -> {
            try {
                return m.getSubject().contains(text);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no mail about " + text + " in " + Arrays.toString(
                messages.stream().map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        return "?";
                    }
                }).toArray())));
    }
}
