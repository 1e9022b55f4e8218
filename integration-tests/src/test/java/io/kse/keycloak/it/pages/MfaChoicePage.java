package io.kse.keycloak.it.pages;

import java.util.List;
import java.util.Optional;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** KSE's choice of the second factor to enrol (kse-mfa-choice.ftl in the kse login theme). */
public final class MfaChoicePage extends AbstractLoginPage {

    public MfaChoicePage(ManagedWebDriver driver) {
        super(driver);
    }

    /** Values of the submit buttons, in page order. */
    public List<String> offeredMethods() {
        return buttons().stream().map(button -> button.getDomAttribute("value")).toList();
    }

    /** Visible labels of the submit buttons, in page order. */
    public List<String> labels() {
        return buttons().stream().map(WebElement::getText).map(String::trim).toList();
    }

    public void chooseAuthenticatorApp() {
        Submit.click(driver, By.id("kse-mfa-authenticator-app"));
    }

    public void choosePasskey() {
        Submit.click(driver, By.id("kse-mfa-passkey"));
    }

    /** The "Not now" button's label, empty when the page does not offer it (no grace period, or it has ended). */
    public Optional<String> notNowLabel() {
        return driver.driver().findElements(By.id("kse-mfa-not-now")).stream().map(WebElement::getText).map(String::trim).findFirst();
    }

    public void notNow() {
        Submit.click(driver, By.id("kse-mfa-not-now"));
    }

    /** Submits the form with a value of the attacker's choosing, as a hand-crafted POST would. */
    public void submitTampered(String value) {
        WebElement button = driver.findElement(By.id("kse-mfa-authenticator-app"));
        ((JavascriptExecutor) driver.driver()).executeScript("arguments[0].value = arguments[1];", button, value);
        Submit.click(driver, By.id("kse-mfa-authenticator-app"));
    }

    /** Submits the form with the button's field renamed, as a hand-crafted POST answering another page would. */
    public void submitTamperedField(String name, String value) {
        WebElement button = driver.findElement(By.id("kse-mfa-authenticator-app"));
        ((JavascriptExecutor) driver.driver()).executeScript(
                "arguments[0].name = arguments[1]; arguments[0].value = arguments[2];", button, name, value);
        Submit.click(driver, By.id("kse-mfa-authenticator-app"));
    }

    private List<WebElement> buttons() {
        return driver.driver().findElements(By.cssSelector("#kse-mfa-choice-form button[name=kse-mfa-method]:not(#kse-mfa-not-now)"));
    }

    @Override
    public String getExpectedPageId() {
        return "login-kse-mfa-choice";
    }
}
