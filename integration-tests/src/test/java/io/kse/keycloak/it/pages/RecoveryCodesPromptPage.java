package io.kse.keycloak.it.pages;

import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** KSE's "few recovery codes left" prompt (kse-recovery-codes-prompt.ftl in the kse login theme). */
public final class RecoveryCodesPromptPage extends AbstractLoginPage {

    public RecoveryCodesPromptPage(ManagedWebDriver driver) {
        super(driver);
    }

    /** "You have N recovery codes left." as shown. */
    public String codesLeftText() {
        return driver.findElement(By.id("kse-recovery-codes-left")).getText().trim();
    }

    public void generateNewCodes() {
        Submit.click(driver, By.id("kse-recovery-codes-generate"));
    }

    public void later() {
        Submit.click(driver, By.id("kse-recovery-codes-later"));
    }

    @Override
    public String getExpectedPageId() {
        return "login-kse-recovery-codes-prompt";
    }
}
