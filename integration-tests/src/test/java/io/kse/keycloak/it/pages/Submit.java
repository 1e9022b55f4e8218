package io.kse.keycloak.it.pages;

import java.time.Duration;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Clicks a submit button and returns once the browser has left that instance of the page, so that a page answering
 * with itself (an error) is not read before it was reloaded.
 */
final class Submit {

    private static final Duration NAVIGATION_TIMEOUT = Duration.ofSeconds(15);

    private Submit() {
    }

    static void click(ManagedWebDriver driver, By button) {
        // A concrete element, not a PageFactory proxy: a proxy is looked up again and never goes stale.
        WebElement element = driver.driver().findElement(button);
        element.click();
        new WebDriverWait(driver.driver(), NAVIGATION_TIMEOUT).until(ExpectedConditions.stalenessOf(element));
    }

    /** Like {@link #click}, but focuses the button and presses Enter, as a keyboard user would. */
    static void press(ManagedWebDriver driver, By button) {
        WebElement element = driver.driver().findElement(button);
        element.sendKeys(Keys.ENTER);
        new WebDriverWait(driver.driver(), NAVIGATION_TIMEOUT).until(ExpectedConditions.stalenessOf(element));
    }
}
