package io.kse.keycloak.it.pages;

import java.time.Duration;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Keycloak's passkey registration (webauthn-register.ftl), which asks for the passkey's label in a prompt. */
public final class PasskeyRegisterPage extends AbstractLoginPage {

    public PasskeyRegisterPage(ManagedWebDriver driver) {
        super(driver);
    }

    /** Registers with the browser's (virtual) authenticator and names the passkey. */
    public void register(String label) {
        driver.findElement(By.id("registerWebAuthn")).click();
        Alert prompt = new WebDriverWait(driver.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys(label);
        prompt.accept();
    }

    @Override
    public String getExpectedPageId() {
        return "login-webauthn-register";
    }
}
