package io.kse.keycloak.it.pages;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** Keycloak's one-time-code challenge (login-otp.ftl), with "Try another way" when other factors are configured. */
public final class OtpLoginPage extends AbstractLoginPage {

    public OtpLoginPage(ManagedWebDriver driver) {
        super(driver);
    }

    public void enter(String code) {
        driver.findElement(By.id("otp")).clear();
        driver.findElement(By.id("otp")).sendKeys(code);
        Submit.click(driver, By.id("kc-login"));
    }

    public void tryAnotherWay() {
        Submit.click(driver, By.id("try-another-way"));
    }

    /** KSE's "Use a recovery code" button under the challenge (footer.ftl of the kse theme), pressed with the keyboard. */
    public void useRecoveryCode() {
        Submit.press(driver, By.id("kse-use-recovery-code"));
    }

    @Override
    public String getExpectedPageId() {
        return "login-login-otp";
    }
}
