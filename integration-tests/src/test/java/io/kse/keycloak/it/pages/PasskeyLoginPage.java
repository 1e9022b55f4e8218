package io.kse.keycloak.it.pages;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** Keycloak's WebAuthn challenge (webauthn-authenticate.ftl), here the passkey as second step after the password. */
public final class PasskeyLoginPage extends AbstractLoginPage {

    public PasskeyLoginPage(ManagedWebDriver driver) {
        super(driver);
    }

    public void authenticate() {
        driver.findElement(By.id("authenticateWebAuthnButton")).click();
    }

    /** KSE's "Use a recovery code" button under the challenge (footer.ftl of the kse theme), pressed with the keyboard. */
    public void useRecoveryCode() {
        Submit.press(driver, By.id("kse-use-recovery-code"));
    }

    @Override
    public String getExpectedPageId() {
        return "login-webauthn-authenticate";
    }
}
