package io.kse.keycloak.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.OtpLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodeLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import io.kse.keycloak.it.support.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginConfigTotpPage;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Attacks on the second factor that the MFA tests do not make: a one-time code replayed or guessed, recovery codes
 * guessed, a required action skipped by editing the URL, and an authentication-session field tampered with. Each
 * must end without a code, a token or a session.
 */
@KeycloakIntegrationTest
class MfaBypassIT {

    private static final AtomicInteger USERS = new AtomicInteger();

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = AttackRealm.class)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectPage
    LoginConfigTotpPage totpPage;

    @InjectPage
    RecoveryCodesSetupPage recoveryCodesPage;

    @InjectPage
    RecoveryCodeLoginPage recoveryCodePage;

    @InjectPage
    OtpLoginPage otpPage;

    @BeforeEach
    void clearBrowser() {
        ((HasCdp) browser.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Test
    void aOneTimeCodeWorksOnceOnly() {
        String code = AttackRealm.otp("otp.replay");

        AccessTokenResponse first = oauth.passwordGrantRequest("otp.replay", AttackRealm.PASSWORD).otp(code).send();
        AccessTokenResponse replayed = oauth.passwordGrantRequest("otp.replay", AttackRealm.PASSWORD).otp(code).send();

        assertThat(first.getStatusCode()).as(first.getErrorDescription()).isEqualTo(200);
        assertThat(replayed.getStatusCode()).isIn(400, 401);
        assertThat(replayed.getError()).isEqualTo("invalid_grant");
        assertThat(replayed.getAccessToken()).isNull();
    }

    @Test
    void guessingOneTimeCodesLocksTheAccountSoTheRightCodeNoLongerHelps() {
        // Ten failures lock the account (a quick second failure may lock it earlier; then guesses are not counted).
        for (int i = 0; i < 20 && !lockedOut("otp.guess"); i++) {
            AccessTokenResponse guess = oauth.passwordGrantRequest("otp.guess", AttackRealm.PASSWORD)
                    .otp(String.format("%06d", i)).send();
            assertThat(guess.getStatusCode()).isIn(400, 401);
        }
        assertThat(lockedOut("otp.guess")).as("locked out after guessing").isTrue();

        AccessTokenResponse right = oauth.passwordGrantRequest("otp.guess", AttackRealm.PASSWORD)
                .otp(AttackRealm.otp("otp.guess")).send();

        assertThat(right.getStatusCode()).isIn(400, 401);
        assertThat(right.getAccessToken()).isNull();
    }

    @Test
    void guessingRecoveryCodesLocksTheAccountSoTheRightCodeNoLongerHelps() {
        String admin = newAdmin();
        List<String> codes = enrolAppAndRecoveryCodes(admin);
        UserResource user = realm.admin().users().get(id(admin));
        user.logout();
        // Only the recovery codes are left, so the login asks for one straight away.
        user.credentials().stream().filter(c -> "otp".equals(c.getType())).forEach(c -> user.removeCredential(c.getId()));

        submitPassword(admin);
        awaitSource("recoveryCodeInput");
        int number = recoveryCodePage.requestedCodeNumber();
        for (int i = 0; i < 20 && !lockedOut(admin) && isRecoveryCodePage(); i++) {
            recoveryCodePage.enter("AAAA" + String.format("%08d", i));
        }
        assertThat(lockedOut(admin)).as("locked out after guessing").isTrue();

        if (!isRecoveryCodePage()) {
            submitPassword(admin);
        }
        if (isRecoveryCodePage()) {
            recoveryCodePage.enter(codes.get(number - 1).replace("-", ""));
        }

        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
        assertThat(browser.driver().getPageSource()).as("the right code does not get through")
                .doesNotContain("kse-mfa-choice-form");
        assertThat(user.getUserSessions()).isEmpty();
    }

    @Test
    void skippingTheAuthenticatorAppSetupByEditingTheUrlGetsNoCode() {
        String admin = newAdmin();
        submitPassword(admin);
        awaitSource("kse-mfa-choice-form");
        choicePage.chooseAuthenticatorApp();
        awaitSource("kc-totp-settings-form");
        String action = browser.findElement(By.id("kc-totp-settings-form")).getDomAttribute("action");
        assertThat(action).contains("execution=CONFIGURE_TOTP");

        // Jump straight to the next required action, then to the authorization endpoint as if the login were done.
        browser.open(action.replace("execution=CONFIGURE_TOTP", "execution=CONFIGURE_RECOVERY_AUTHN_CODES"));
        assertNoCodeAndNothingGranted(admin);
        oauth.openLoginForm();
        assertNoCodeAndNothingGranted(admin);
        String page = browser.driver().getPageSource();
        assertThat(page.contains("kc-totp-settings-form") || page.contains("kc-form-login"))
                .as("the setup is asked for again, or the login starts over").isTrue();
        assertThat(realm.admin().users().get(id(admin)).credentials()).extracting(CredentialRepresentation::getType)
                .containsExactly("password");
    }

    @Test
    void postingTheOneTimeCodeFormToAnotherStepOfTheFlowGetsNoCode() {
        submitPassword("otp.tamper");
        awaitSource("kc-otp-login-form");
        WebElement form = browser.findElement(By.cssSelector("form#kc-otp-login-form"));
        String action = form.getDomAttribute("action");
        assertThat(action).contains("execution=");

        // Post to the same URL with another execution id (the step already done) and a wrong code.
        String tampered = action.replaceAll("execution=[^&]+", "execution=" + UUID.randomUUID());
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].action = arguments[1];", form, tampered);
        otpPage.enter("000000");

        assertNoCodeAndNothingGranted("otp.tamper");
        oauth.openLoginForm();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
    }

    private void assertNoCodeAndNothingGranted(String username) {
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
        assertThat(realm.admin().users().get(id(username)).getUserSessions()).isEmpty();
    }

    private boolean isRecoveryCodePage() {
        return browser.driver().getPageSource().contains("recoveryCodeInput");
    }

    private String newAdmin() {
        String username = "mfa.attack." + USERS.incrementAndGet();
        realm.addUser(AttackRealm.user(username));
        // The admin API ignores role mappings in a created representation: map the role separately.
        realm.admin().users().get(id(username)).roles().realmLevel()
                .add(List.of(realm.admin().roles().get("admin").toRepresentation()));
        return username;
    }

    private boolean lockedOut(String username) {
        return Boolean.TRUE.equals(realm.admin().attackDetection().bruteForceUserStatus(id(username)).get("disabled"));
    }

    /** Waits for a page fragment longer than the page objects do: the test machine may be slow. */
    private void awaitSource(String fragment) {
        long deadline = System.currentTimeMillis() + 45_000;
        while (!browser.driver().getPageSource().contains(fragment) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(browser.driver().getPageSource()).contains(fragment);
    }

    private List<String> enrolAppAndRecoveryCodes(String username) {
        submitPassword(username);
        awaitSource("kse-mfa-choice-form");
        choicePage.chooseAuthenticatorApp();
        awaitSource("kc-totp-settings-form");
        String secret = SecretLedger.record(Kind.OTP_SECRET, totpPage.getTotpSecret());
        browser.findElement(By.id("totp")).sendKeys(Totp.code(secret, Instant.now()));
        browser.findElement(By.id("saveTOTPBtn")).click();
        awaitSource("kc-recovery-codes-list");
        List<String> codes = new ArrayList<>(recoveryCodesPage.codes());
        recoveryCodesPage.confirmSaved();
        browser.waiting().waitForOAuthCallback();
        return codes;
    }

    private void submitPassword(String username) {
        clearBrowser();
        oauth.openLoginForm();
        awaitSource("kc-form-login");
        loginPage.fillLogin(username, AttackRealm.PASSWORD);
        loginPage.submit();
    }

    private String id(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }
}
