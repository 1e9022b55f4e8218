package io.kse.keycloak.it.pages;

import java.util.List;

import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Keycloak's CONFIGURE_RECOVERY_AUTHN_CODES page: the codes are shown once. */
public final class RecoveryCodesSetupPage extends AbstractLoginPage {

    public RecoveryCodesSetupPage(ManagedWebDriver driver) {
        super(driver);
    }

    /** The codes as displayed (XXXX-XXXX-XXXX), in order. */
    public List<String> codes() {
        return SecretLedger.recordAll(Kind.RECOVERY_CODE, driver.driver().findElements(By.cssSelector("#kc-recovery-codes-list li"))
                .stream().map(WebElement::getText).map(String::trim).toList());
    }

    public void confirmSaved() {
        driver.findElement(By.id("kcRecoveryCodesConfirmationCheck")).click();
        Submit.click(driver, By.id("saveRecoveryAuthnCodesBtn"));
    }

    @Override
    public String getExpectedPageId() {
        return "login-login-recovery-authn-code-config";
    }
}
