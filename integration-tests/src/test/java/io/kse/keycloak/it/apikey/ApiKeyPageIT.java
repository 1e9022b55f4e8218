package io.kse.keycloak.it.apikey;

import static io.kse.keycloak.it.apikey.ApiKeyFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.kse.keycloak.it.pages.ApiKeysPage;
import io.kse.keycloak.it.pages.OtpLoginPage;
import io.kse.keycloak.it.support.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The themed self-service page in Chromium: it signs in as the template's public client {@code kse-api-keys} (code
 * flow with PKCE) and calls the bearer-only API. Lifecycle, a key shown exactly once, the step-up for users with a
 * second factor, escaping of the label, and cross-site requests riding on the session cookie refused.
 */
@KeycloakIntegrationTest
class ApiKeyPageIT {

    private static final String PAGE_CLIENT = "kse-api-keys";
    private static final String HOSTILE_LABEL = "<img src=x onerror=\"window.kseInjected=1\"> & <b>bold</b> \"q\"";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = ApiKeyRealm.class)
    ManagedRealm realm;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    OtpLoginPage otpPage;

    private final HttpClient http = HttpClient.newHttpClient();
    private ApiKeyFixture keys;
    private ApiKeysPage page;

    @BeforeEach
    void setUp() {
        keys = new ApiKeyFixture(realm, urls.getBase());
        page = new ApiKeysPage(browser);
        // Every cookie, whatever page the browser shows: a previous test's user must not be signed in.
        ((HasCdp) browser.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        ((HasCdp) browser.driver()).executeCdpCommand("Storage.clearDataForOrigin",
                Map.of("origin", URI.create(urls.getBase()).resolve("/").toString().replaceAll("/$", ""),
                        "storageTypes", "all"));
    }

    @Test
    void theTemplateDefinesThePageClientForTheAccountConsole() {
        ClientRepresentation client = pageClient();

        assertThat(client.isPublicClient()).isTrue();
        assertThat(client.isAlwaysDisplayInConsole()).isTrue();
        assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(client.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(client.getBaseUrl()).isEqualTo("/realms/" + realm.getName() + "/kse-api-keys/page");
    }

    @Test
    void wholeLifecycleWithTheKeyShownExactlyOnceAndTheLabelEscaped() throws Exception {
        String user = keys.newUser("developer");
        signIn(user, false);
        assertThat(page.rows()).isEmpty();

        page.create(HOSTILE_LABEL, "30");
        String apiKey = page.awaitNewKey(null);
        assertThat(apiKey).matches(ApiKeyFixture.KEY_PATTERN);
        String keyId = ApiKeyFixture.keyId(apiKey);
        page.awaitStatus(keyId, "active");
        assertThat(page.rows()).containsExactly(new ApiKeysPage.Row(keyId, HOSTILE_LABEL, "active"));
        assertThat(page.injectedElements()).isZero();
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.kseInjected === undefined"))
                .isEqualTo(true);
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);
        JsonNode listed = keys.list(user).json().get(0);
        assertThat(listed.get("expiresAt").asLong() - listed.get("createdAt").asLong()).isEqualTo(30L * 24 * 3600 * 1000);
        assertThat(keys.events("UPDATE_CREDENTIAL")).anySatisfy(event -> {
            assertThat(event.getClientId()).isEqualTo(PAGE_CLIENT);
            assertThat(event.getDetails()).containsEntry("kse_api_key_id", keyId).containsEntry("kse_api_key_action", "create");
        });

        browser.driver().navigate().refresh();
        page.awaitList();
        assertThat(page.newKey()).as("a reload never shows the key again").isNull();
        assertThat(browser.driver().getPageSource()).doesNotContain(apiKey).doesNotContain(ApiKeyFixture.secret(apiKey));
        assertThat(page.rows()).extracting(ApiKeysPage.Row::label).containsExactly(HOSTILE_LABEL);

        page.rotate(keyId);
        String successor = page.awaitNewKey(null);
        String successorId = ApiKeyFixture.keyId(successor);
        assertThat(successorId).isNotEqualTo(keyId);
        page.awaitStatus(successorId, "active");
        page.awaitStatus(keyId, "replaced, valid until the overlap ends");
        assertThat(keys.exchange(apiKey).status()).as("old key in the overlap").isEqualTo(200);
        assertThat(keys.exchange(successor).status()).isEqualTo(200);

        page.revoke(successorId);
        page.awaitStatus(successorId, "revoked");
        assertRefused(keys.exchange(successor));
        page.revoke(keyId);
        page.awaitStatus(keyId, "revoked");
        assertRefused(keys.exchange(apiKey));
    }

    @Test
    void aUserWithASecondFactorConfirmsItAgainBeforeCreatingAKey() {
        String user = keys.newOtpUser("developer");
        signIn(user, true);
        // Single sign-on: a token whose acr is not "mfa", as a page left open (or reopened later) would have.
        browser.driver().navigate().refresh();
        page.awaitList();

        page.create("after step-up", "7");

        // The page signs in again with prompt=login: password, then the one-time code.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("/protocol/openid-connect/auth")
                        || d.getCurrentUrl().contains("/login-actions/"));
        enterPassword(user);
        otpPage.assertCurrent();
        otpPage.enter(Totp.code(ApiKeyRealm.TOTP_SECRET, Instant.now()));

        String apiKey = page.awaitNewKey(null);
        assertThat(page.rows()).containsExactly(new ApiKeysPage.Row(ApiKeyFixture.keyId(apiKey), "after step-up", "active"));
        assertThat(keys.exchange(apiKey).status()).isEqualTo(200);
    }

    @Test
    void crossSiteRequestsRidingOnTheSessionCookieAreRefused() throws Exception {
        String user = keys.newUser("developer");
        signIn(user, false);
        page.create("target", "30");
        String keyId = ApiKeyFixture.keyId(page.awaitNewKey(null));
        String api = realm.getBaseUrl() + "/kse-api-keys";
        String cookies = browser.driver().manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        assertThat(browser.driver().manage().getCookies()).extracting(Cookie::getName).contains("KEYCLOAK_IDENTITY");

        // The signed-in browser's cookies, from a foreign origin, as a cross-site page would send them.
        HttpResponse<String> create = http.send(HttpRequest.newBuilder(URI.create(api))
                .header("Cookie", cookies).header("Origin", "https://attacker.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"csrf\"}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> revoke = http.send(HttpRequest.newBuilder(URI.create(api + "/" + keyId))
                .header("Cookie", cookies).header("Origin", "https://attacker.example")
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(create.statusCode()).as(create.body()).isEqualTo(401);
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(401);

        // A real cross-site form post and a no-cors fetch from another origin, in the same browser.
        browser.open("data:text/html," + URLEncoder.encode("<form id=f method=post enctype=text/plain action='" + api
                + "'><input name='{\"label\":\"csrf\",\"x\":\"' value='\"}'></form><script>document.getElementById('f').submit()</script>",
                StandardCharsets.UTF_8).replace("+", "%20"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(api));
        assertThat(browser.driver().getPageSource()).doesNotContain("kse_");
        browser.open("data:text/html,<p>attacker</p>");
        ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {method: 'POST', mode: 'no-cors', credentials: 'include',"
                        + " headers: {'Content-Type': 'text/plain'}, body: '{\"label\":\"csrf\"}'})"
                        + ".then(() => done(), () => done());", api);

        List<String> labels = keys.list(user).json().findValuesAsText("label");
        assertThat(labels).containsExactly("target");
        assertThat(keys.list(user).json().get(0).get("status").asText()).isEqualTo("active");
    }

    @Test
    void aForgedSignInCallbackIsRefused() {
        String user = keys.newUser("developer");
        signIn(user, false);

        browser.open(realm.getBaseUrl() + "/kse-api-keys/page?code=forged&state=forged");

        assertThat(page.awaitError()).isEqualTo("Signing in failed. Reload the page to try again.");
        assertThat(page.isListShown()).isFalse();
    }

    /**
     * The login form: username and password, or only the password when Keycloak already knows the user (a
     * re-authentication with prompt=login shows the username read-only).
     */
    private void enterPassword(String username) {
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
        wait.until(d -> !d.findElements(By.id("password")).isEmpty());
        if (!browser.driver().findElements(By.id("username")).isEmpty()) {
            loginPage.fillLogin(username, ApiKeyRealm.PASSWORD);
            loginPage.submit();
            return;
        }
        browser.driver().findElement(By.id("password")).sendKeys(ApiKeyRealm.PASSWORD);
        WebElement submit = browser.driver().findElement(By.id("kc-login"));
        submit.click();
        wait.until(ExpectedConditions.stalenessOf(submit));
    }

    private void signIn(String username, boolean withOtp) {
        browser.open(realm.getBaseUrl() + "/kse-api-keys/page");
        enterPassword(username);
        if (withOtp) {
            otpPage.assertCurrent();
            otpPage.enter(Totp.code(ApiKeyRealm.TOTP_SECRET, Instant.now()));
        }
        page.awaitList();
    }

    private ClientRepresentation pageClient() {
        return realm.admin().clients().findByClientId(PAGE_CLIENT).get(0);
    }
}
