package io.kse.keycloak.it.pages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** Keycloak's recovery-code challenge; it asks for the codes in sequence ("Recovery code #n"). */
public final class RecoveryCodeLoginPage extends AbstractLoginPage {

    private static final Pattern NUMBER = Pattern.compile("#\\s*(\\d+)");

    public RecoveryCodeLoginPage(ManagedWebDriver driver) {
        super(driver);
    }

    /** The 1-based number of the code the page asks for. */
    public int requestedCodeNumber() {
        String label = driver.findElement(By.cssSelector("label[for=recoveryCodeInput]")).getText();
        Matcher matcher = NUMBER.matcher(label);
        if (!matcher.find()) {
            throw new AssertionError("No code number in the label: " + label);
        }
        return Integer.parseInt(matcher.group(1));
    }

    public void enter(String code) {
        driver.findElement(By.id("recoveryCodeInput")).clear();
        driver.findElement(By.id("recoveryCodeInput")).sendKeys(code);
        Submit.click(driver, By.id("kc-login"));
    }

    /** The inline error under the field, empty when there is none. */
    public String fieldError() {
        return driver.driver().findElements(By.cssSelector("[id^=input-error]")).stream()
                .map(e -> e.getText().trim())
                .filter(text -> !text.isEmpty())
                .findFirst()
                .orElse("");
    }

    @Override
    public String getExpectedPageId() {
        return "login-login-recovery-authn-code-input";
    }
}
