package io.kse.keycloak.it.pages;

import java.time.Duration;
import java.util.List;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The API-key self-service page ({@code /realms/{realm}/kse-api-keys/page}, template kse-api-keys.ftl). Its script
 * works asynchronously, so every action waits for the state it leads to.
 */
public final class ApiKeysPage {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** One row of the table, as the user sees it. */
    public record Row(String id, String label, String status) {
    }

    private final ManagedWebDriver driver;

    public ApiKeysPage(ManagedWebDriver driver) {
        this.driver = driver;
    }

    /** Waits until the list is shown (after the page signed in). */
    public void awaitList() {
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("kse-api-keys-content")));
    }

    public boolean isListShown() {
        List<WebElement> content = driver.driver().findElements(By.id("kse-api-keys-content"));
        return !content.isEmpty() && content.get(0).isDisplayed();
    }

    public void create(String label, String days) {
        WebElement labelField = driver.driver().findElement(By.id("kse-api-key-label"));
        labelField.clear();
        labelField.sendKeys(label);
        WebElement daysField = driver.driver().findElement(By.id("kse-api-key-days"));
        daysField.clear();
        daysField.sendKeys(days);
        driver.driver().findElement(By.id("kse-api-key-create")).click();
    }

    /** Waits for the panel that shows a new key, and returns that key. */
    public String awaitNewKey(String previous) {
        await().until(d -> {
            String value = newKey();
            return value != null && !value.equals(previous);
        });
        return newKey();
    }

    /** The key shown in the one-time panel, null when the panel is hidden or empty. */
    public String newKey() {
        WebElement panel = driver.driver().findElement(By.id("kse-api-key-new"));
        String value = driver.driver().findElement(By.id("kse-api-key-new-value")).getAttribute("value");
        return panel.isDisplayed() && value != null && !value.isEmpty() ? value : null;
    }

    public void rotate(String keyId) {
        click(keyId, "kse-api-key-rotate");
    }

    public void revoke(String keyId) {
        click(keyId, "kse-api-key-revoke");
    }

    private void click(String keyId, String buttonClass) {
        await().ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    row(keyId).findElement(By.className(buttonClass)).click();
                    return true;
                });
    }

    /** Waits until the row of {@code keyId} shows {@code status}. */
    public void awaitStatus(String keyId, String status) {
        await().until(d -> rows().stream().anyMatch(row -> row.id().equals(keyId) && row.status().equals(status)));
    }

    /** The rows as one snapshot, read in the page: the script may re-render the table at any moment. */
    @SuppressWarnings("unchecked")
    public List<Row> rows() {
        List<List<String>> cells = (List<List<String>>) ((JavascriptExecutor) driver.driver()).executeScript(
                "return Array.from(document.querySelectorAll('#kse-api-keys-rows tr')).map(r => [r.dataset.keyId,"
                        + " r.querySelector('.kse-api-key-label').textContent,"
                        + " r.querySelector('.kse-api-key-status').textContent]);");
        return cells.stream().map(row -> new Row(row.get(0), row.get(1), row.get(2))).toList();
    }

    /** Elements inside the table that only markup could have made (a label must stay text). */
    public int injectedElements() {
        return driver.driver().findElements(By.cssSelector("#kse-api-keys-rows .kse-api-key-label *")).size();
    }

    public String awaitError() {
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("kse-api-keys-error")));
        return driver.driver().findElement(By.id("kse-api-keys-error-text")).getText();
    }

    private WebElement row(String keyId) {
        return driver.driver().findElement(By.cssSelector("#kse-api-keys-rows tr[data-key-id='" + keyId + "']"));
    }

    private WebDriverWait await() {
        WebDriver webDriver = driver.driver();
        return new WebDriverWait(webDriver, TIMEOUT);
    }
}
