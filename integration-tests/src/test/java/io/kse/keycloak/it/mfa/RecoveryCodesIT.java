package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.OtpLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodeLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodesPromptPage;
import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import io.kse.keycloak.it.support.Totp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
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
import org.openqa.selenium.WebElement;

/**
 * Recovery codes around the login: "Use a recovery code" right on the OTP page, the prompt to regenerate at Keycloak's
 * warning threshold, and regeneration from the account console only within 5 minutes of a sign-in.
 */
@KeycloakIntegrationTest
class RecoveryCodesIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectPage
    OtpLoginPage otpPage;

    @InjectPage
    RecoveryCodeLoginPage recoveryCodePage;

    @InjectPage
    RecoveryCodesPromptPage promptPage;

    @InjectPage
    RecoveryCodesSetupPage setupPage;

    @InjectPage
    LoginPage loginPage;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private MfaBrowser mfa;

    @BeforeEach
    void steps() {
        mfa = new MfaBrowser(realm, oauth, browser);
    }

    @AfterEach
    void resetClock() {
        timeOffSet.set(0);
    }

    @Test
    void theOtpPageOffersARecoveryCodeDirectlyAsAnAccessibleButtonWithoutScript() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        List<String> codes = new ArrayList<>();
        mfa.enrolAuthenticatorApp(codes);
        mfa.tokens();
        mfa.logOut(admin);

        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        WebElement button = browser.findElement(By.id("kse-use-recovery-code"));
        assertThat(button.getTagName()).isEqualTo("button");
        assertThat(button.getDomAttribute("type")).isEqualTo("submit");
        assertThat(button.getText().trim()).isEqualTo("Use a recovery code");
        assertThat(browser.findElement(By.id("kse-use-recovery-code-form")).getDomAttribute("onsubmit")).isNull();
        otpPage.useRecoveryCode();

        recoveryCodePage.assertCurrent();
        recoveryCodePage.enter(codes.get(recoveryCodePage.requestedCodeNumber() - 1).replace("-", ""));
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
    }

    @Test
    void aForgedExecutionIdIsRefused() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        mfa.enrolAuthenticatorApp(null);
        mfa.tokens();
        mfa.logOut(admin);

        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        // An execution of the flow that is not an alternative on this page: the enforcement step itself.
        String enforcement = realm.admin().flows().getExecutions(MfaRealmSettings.BROWSER_FLOW).stream()
                .filter(e -> MfaRealmSettings.ENFORCE_MFA.equals(e.getProviderId())).findFirst().orElseThrow().getId();
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('#kse-use-recovery-code-form input[name=authenticationExecution]').value = arguments[0];",
                enforcement);
        otpPage.useRecoveryCode();

        assertThat(browser.driver().getPageSource()).doesNotContain("id=\"recoveryCodeInput\"");
        assertThat(realm.admin().users().get(mfa.id(admin)).getUserSessions()).isEmpty();
    }

    @Test
    void theChoicePageCannotBeAnsweredAsIfItWereThePrompt() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        choicePage.assertCurrent();

        // "Later" is the prompt's answer; the step knows it showed the choice page and expects a method.
        choicePage.submitTamperedField("kse-recovery-codes", "later");

        choicePage.assertCurrent();
        assertThat(choicePage.getErrorMessage()).hasValue("Choose one of the methods offered on this page.");
        assertThat(realm.admin().users().get(mfa.id(admin)).getUserSessions()).isEmpty();
    }

    @Test
    void atTheWarningThresholdTheUserIsPromptedAndMayGenerateNewCodesOrPostpone() {
        // Keycloak's own setting (default 4), raised so that one used code reaches it.
        MfaRealmSettings.recoveryCodesAction(realm, "warning_threshold", "11");
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        List<String> codes = new ArrayList<>();
        String secret = mfa.enrolAuthenticatorApp(codes);
        mfa.tokens();
        mfa.logOut(admin);

        // 12 codes left: above the threshold, no prompt.
        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        otpPage.enter(Totp.nextCode(secret));
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
        mfa.logOut(admin);

        // A code used: 11 left, at the threshold.
        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        otpPage.useRecoveryCode();
        recoveryCodePage.assertCurrent();
        recoveryCodePage.enter(codes.get(recoveryCodePage.requestedCodeNumber() - 1).replace("-", ""));
        promptPage.assertCurrent();
        assertThat(promptPage.codesLeftText()).isEqualTo("You have 11 recovery codes left.");
        promptPage.later();
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
        mfa.logOut(admin);

        // Asked again at the next login (another code used: 10 left); this time new codes, from Keycloak's setup page.
        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        otpPage.useRecoveryCode();
        recoveryCodePage.assertCurrent();
        recoveryCodePage.enter(codes.get(recoveryCodePage.requestedCodeNumber() - 1).replace("-", ""));
        promptPage.assertCurrent();
        assertThat(promptPage.codesLeftText()).isEqualTo("You have 10 recovery codes left.");
        promptPage.generateNewCodes();
        setupPage.assertCurrent();
        List<String> fresh = setupPage.codes();
        assertThat(fresh).hasSize(12).doesNotContainAnyElementsOf(codes);
        setupPage.confirmSaved();
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
        List<CredentialRepresentation> recovery = realm.admin().users().get(mfa.id(admin)).credentials().stream()
                .filter(c -> c.getType().equals("recovery-authn-codes")).toList();
        assertThat(recovery).as("the new codes replace the old ones").hasSize(1);
    }

    @Test
    void regeneratingFromTheAccountConsoleNeedsASignInWithinFiveMinutes() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        String secret = mfa.enrolAuthenticatorApp(null);
        mfa.tokens();

        // Just signed in: the application-initiated action runs at once.
        browser.open(oauth.loginForm().kcAction("CONFIGURE_RECOVERY_AUTHN_CODES").build());
        setupPage.assertCurrent();

        // Six minutes later the same request asks for the password (and the second factor) first.
        timeOffSet.set(Duration.ofMinutes(6));
        browser.open(oauth.loginForm().kcAction("CONFIGURE_RECOVERY_AUTHN_CODES").build());
        loginPage.assertCurrent();
        assertThat(browser.driver().findElements(By.id("kc-recovery-codes-list"))).isEmpty();
        browser.findElement(By.id("password")).sendKeys(MfaBrowser.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        otpPage.assertCurrent();
        // Keycloak checks one-time codes against the wall clock, not the test's time offset.
        otpPage.enter(Totp.nextCode(secret));
        setupPage.assertCurrent();
    }
}
