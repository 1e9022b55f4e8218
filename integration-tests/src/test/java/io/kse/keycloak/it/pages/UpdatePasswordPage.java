package io.kse.keycloak.it.pages;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;

/** Keycloak's update-password page as rendered by the realm's login theme (kse, a keycloak.v2 child). */
public final class UpdatePasswordPage extends AbstractLoginPage {

    @FindBy(id = "password-new")
    private WebElement newPassword;

    @FindBy(id = "password-confirm")
    private WebElement confirmation;

    @FindBy(css = "[type=submit]")
    private WebElement submit;

    public UpdatePasswordPage(ManagedWebDriver driver) {
        super(driver);
    }

    public void choose(String password) {
        newPassword.clear();
        newPassword.sendKeys(password);
        confirmation.clear();
        confirmation.sendKeys(password);
        submit.click();
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
