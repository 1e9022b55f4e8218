package io.kse.keycloak.it.pages;

import java.time.Duration;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Keycloak's update-password page as rendered by the realm's login theme (kse, a keycloak.v2 child). */
public final class UpdatePasswordPage extends AbstractLoginPage {

    private static final Duration NAVIGATION_TIMEOUT = Duration.ofSeconds(15);

    @FindBy(id = "password-new")
    private WebElement newPassword;

    @FindBy(id = "password-confirm")
    private WebElement confirmation;

    public UpdatePasswordPage(ManagedWebDriver driver) {
        super(driver);
    }

    /** Submits the password and returns once the browser has left this instance of the page. */
    public void choose(String password) {
        newPassword.clear();
        newPassword.sendKeys(password);
        confirmation.clear();
        confirmation.sendKeys(password);
        // A concrete element, not a PageFactory proxy: a proxy is looked up again and never goes stale.
        WebElement submit = driver.driver().findElement(By.cssSelector("[type=submit]"));
        submit.click();
        new WebDriverWait(driver.driver(), NAVIGATION_TIMEOUT).until(ExpectedConditions.stalenessOf(submit));
    }

    /** The policy message as shown to the user: inline under the field in keycloak.v2, or as a page alert. */
    public String policyError() {
        return driver.driver().findElements(By.cssSelector("#input-error-password, [id^=input-error], .pf-v5-c-alert"))
                .stream()
                .map(WebElement::getText)
                .filter(text -> !text.isBlank())
                .findFirst()
                .orElse("");
    }

    @Override
    public String getExpectedPageId() {
        return "login-login-update-password";
    }
}
