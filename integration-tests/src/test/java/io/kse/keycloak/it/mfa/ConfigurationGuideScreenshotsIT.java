package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.OtpLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodeLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodesPromptPage;
import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.config.Config;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Screenshots for the configuration guide in authenticators/README.md, taken from the real pages so that they stay
 * current: into target/screenshots on every run, and into docs/images only with {@code -Dkse.screenshots.update=true}
 * (so a test run never changes tracked files; a copy that fails never fails the test; what is asserted is that each
 * page rendered what it is meant to show).
 */
@KeycloakIntegrationTest
class ConfigurationGuideScreenshotsIT {

    private static final Path TARGET = Path.of("target", "screenshots");
    private static final Path DOCS = Path.of("..", "docs", "images");
    private static final boolean UPDATE_DOCS = Boolean.getBoolean("kse.screenshots.update");
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * The admin console's per-execution settings (gear) button in the row of "KSE: Enforce MFA": the row is the
     * largest ancestor of a settings button that holds no other one.
     */
    private static final String SETTINGS_OF_ENFORCE_MFA = """
            const isSettings = b => /settings/i.test(b.getAttribute('aria-label') || '');
            const count = el => [...el.querySelectorAll('button')].filter(isSettings).length;
            for (const button of [...document.querySelectorAll('button')].filter(isSettings)) {
                let row = button;
                while (row.parentElement && count(row.parentElement) === 1) {
                    row = row.parentElement;
                }
                const text = row.innerText || '';
                if (text.includes('KSE: Enforce MFA') && !text.includes('direct grant')) {
                    return button;
                }
            }
            return null;
            """;

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
    RecoveryCodesSetupPage setupPage;

    @InjectPage
    OtpLoginPage otpPage;

    @InjectPage
    RecoveryCodeLoginPage recoveryCodePage;

    @InjectPage
    RecoveryCodesPromptPage promptPage;

    private MfaBrowser mfa;

    @BeforeEach
    void window() {
        mfa = new MfaBrowser(realm, oauth, browser);
        browser.driver().manage().window().setSize(new Dimension(1280, 1300));
    }

    @Test
    void theEnforceMfaSettingsInTheAdminConsole() throws IOException {
        MfaRealmSettings.enforceMfa(realm, "graceDays", "14");
        String flowId = realm.admin().flows().getFlows().stream()
                .filter(f -> MfaRealmSettings.BROWSER_FLOW.equals(f.getAlias()))
                .map(AuthenticationFlowRepresentation::getId).findFirst().orElseThrow();
        browser.cookies().deleteAll();
        browser.open(urls.getBase() + "/admin/master/console/");
        WebDriverWait wait = new WebDriverWait(browser.driver(), WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(Config.getAdminUsername());
        browser.findElement(By.id("password")).sendKeys(Config.getAdminPassword());
        browser.findElement(By.id("kc-login")).click();

        browser.open(urls.getBase() + "/admin/master/console/#/" + realm.getName() + "/authentication/" + flowId + "/default");
        WebElement settings;
        try {
            settings = wait.until(d -> (WebElement) ((JavascriptExecutor) d).executeScript(SETTINGS_OF_ENFORCE_MFA));
        } catch (RuntimeException e) {
            // Kept for whoever adapts this test to a new admin console.
            Files.createDirectories(TARGET);
            Files.writeString(TARGET.resolve("admin-console-flow.html"), browser.driver().getPageSource());
            throw e;
        }
        settings.click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("execution-config-form")));
        wait.until(ExpectedConditions.textToBePresentInElement(form, "Grace period (days)"));
        assertThat(form.getText()).contains("Roles requiring MFA", "Allowed methods", "Grace period (days)");

        save("enforce-mfa-settings.png");
    }

    @Test
    void theChoiceTheRecoveryCodesSetupAndThePrompt() throws IOException {
        MfaRealmSettings.enforceMfa(realm, "graceDays", "14");
        MfaRealmSettings.recoveryCodesAction(realm, "warning_threshold", "11");
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        choicePage.assertCurrent();
        assertThat(choicePage.notNowLabel()).hasValue("Not now (14 days left)");
        save("mfa-choice.png");

        choicePage.chooseAuthenticatorApp();
        mfa.configureTotp();
        setupPage.assertCurrent();
        List<String> codes = new ArrayList<>(setupPage.codes());
        assertThat(codes).hasSize(12);
        save("recovery-codes-setup.png");
        setupPage.confirmSaved();
        mfa.tokens();
        mfa.logOut(admin);

        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        assertThat(browser.findElement(By.id("kse-use-recovery-code")).isDisplayed()).isTrue();
        save("otp-with-recovery-code.png");
        otpPage.useRecoveryCode();
        recoveryCodePage.assertCurrent();
        recoveryCodePage.enter(codes.get(recoveryCodePage.requestedCodeNumber() - 1).replace("-", ""));
        promptPage.assertCurrent();
        assertThat(promptPage.codesLeftText()).isEqualTo("You have 11 recovery codes left.");
        save("recovery-codes-prompt.png");
    }

    private void save(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        assertThat(png).as("a PNG was taken").hasSizeGreaterThan(1000);
        Files.createDirectories(TARGET);
        Path shot = Files.write(TARGET.resolve(name), png);
        if (!UPDATE_DOCS) {
            return;
        }
        try {
            Files.createDirectories(DOCS);
            Files.copy(shot, DOCS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // The documentation copy is a convenience; the screenshot in target/ is the test's product.
            System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "Not copied to docs/images: " + e);
        }
    }
}
