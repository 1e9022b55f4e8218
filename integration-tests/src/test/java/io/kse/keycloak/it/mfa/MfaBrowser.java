package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import io.kse.keycloak.it.support.Totp;
import org.keycloak.representations.AccessToken;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.ui.page.LoginConfigTotpPage;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;
import org.openqa.selenium.By;

/** Steps shared by the MFA tests: users of a role, a fresh browser login, and enrolment of an authenticator app. */
final class MfaBrowser {

    static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-mfa-Passw0rd!");
    private static final AtomicInteger USERS = new AtomicInteger();

    private final ManagedRealm realm;
    private final OAuthClient oauth;
    private final ManagedWebDriver browser;

    MfaBrowser(ManagedRealm realm, OAuthClient oauth, ManagedWebDriver browser) {
        this.realm = realm;
        this.oauth = oauth;
        this.browser = browser;
    }

    /** A new user (removed after the test) holding the given realm roles; returns the username. */
    String user(String role) {
        String username = role + "-" + USERS.incrementAndGet();
        realm.addUser(UserBuilder.create()
                .username(username)
                .name(username, "Mfa")
                .email(username + "@kse.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD));
        // The admin API ignores role mappings in a created representation: map the role separately.
        realm.admin().users().get(id(username)).roles().realmLevel()
                .add(List.of(realm.admin().roles().get(role).toRepresentation()));
        return username;
    }

    String id(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }

    List<String> credentialTypes(String username) {
        return realm.admin().users().get(id(username)).credentials().stream().map(c -> c.getType()).toList();
    }

    /** Opens the login form without single sign-on from an earlier test, and submits the password. */
    void submitPassword(String username) {
        oauth.openLoginForm();
        browser.cookies().deleteAll();
        oauth.openLoginForm();
        LoginPage login = browser.page().createPage(LoginPage.class);
        login.assertCurrent();
        login.fillLogin(username, PASSWORD);
        login.submit();
    }

    /** Exchanges the code the browser was redirected with. */
    AccessTokenResponse tokens() {
        browser.waiting().waitForOAuthCallback();
        AuthorizationEndpointResponse response = oauth.parseLoginResponse();
        assertThat(response.getCode()).as("authorization code; error: %s", response.getError()).isNotNull();
        AccessTokenResponse tokens = oauth.doAccessTokenRequest(response.getCode());
        assertThat(tokens.getStatusCode()).as(tokens.getErrorDescription()).isEqualTo(200);
        return tokens;
    }

    String acr(AccessTokenResponse tokens) {
        return oauth.parseToken(tokens.getAccessToken(), AccessToken.class).getAcr();
    }

    /**
     * From the choice page: authenticator app, then recovery codes. Returns the OTP secret; the codes go to
     * {@code codes} when it is not null.
     */
    String enrolAuthenticatorApp(List<String> codes) {
        MfaChoicePage choice = browser.page().createPage(MfaChoicePage.class);
        choice.assertCurrent();
        choice.chooseAuthenticatorApp();

        String secret = configureTotp();

        RecoveryCodesSetupPage recovery = browser.page().createPage(RecoveryCodesSetupPage.class);
        recovery.assertCurrent();
        if (codes != null) {
            codes.addAll(recovery.codes());
        }
        recovery.confirmSaved();
        return secret;
    }

    /** On Keycloak's CONFIGURE_TOTP page: registers the app as the user would, returns the OTP secret. */
    String configureTotp() {
        LoginConfigTotpPage totp = browser.page().createPage(LoginConfigTotpPage.class);
        totp.assertCurrent();
        String secret = SecretLedger.record(Kind.OTP_SECRET, totp.getTotpSecret());
        browser.findElement(By.id("totp")).sendKeys(Totp.code(secret, Instant.now()));
        browser.findElement(By.id("saveTOTPBtn")).click();
        return secret;
    }

    void logOut(String username) {
        realm.admin().users().get(id(username)).logout();
    }
}
