package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.OtpLoginPage;
import io.kse.keycloak.it.support.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/** No way around MFA through the password grant or through a session that predates the requirement. */
@KeycloakIntegrationTest
class MfaTokenIT {

    private static final String MFA_REQUIRED = "Multi-factor authentication is required for this account.";
    private static final String SIGN_IN_AGAIN = "Multi-factor authentication is now required for this account and "
            + "this session was not started with it. Sign in again.";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    OtpLoginPage otpPage;

    private MfaBrowser mfa;

    @BeforeEach
    void steps() {
        mfa = new MfaBrowser(realm, oauth, browser);
    }

    @Test
    void passwordGrantOfAnAdminWithoutSecondFactorIsRefusedWithAClearError() {
        String admin = mfa.user("admin");

        AccessTokenResponse response = oauth.doPasswordGrantRequest(admin, MfaBrowser.PASSWORD);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getError()).isEqualTo("invalid_grant");
        assertThat(response.getErrorDescription()).startsWith(MFA_REQUIRED).contains("authenticator app", "'otp'");
        assertThat(realm.admin().users().get(mfa.id(admin)).getUserSessions()).isEmpty();
    }

    @Test
    void passwordGrantOfAnAdminWithAnAuthenticatorAppRequiresTheCode() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        String secret = mfa.enrolAuthenticatorApp(null);
        mfa.tokens();
        mfa.logOut(admin);

        AccessTokenResponse withoutCode = oauth.doPasswordGrantRequest(admin, MfaBrowser.PASSWORD);
        assertThat(withoutCode.getStatusCode()).isIn(400, 401);
        assertThat(withoutCode.getError()).isEqualTo("invalid_grant");

        AccessTokenResponse withCode = oauth.passwordGrantRequest(admin, MfaBrowser.PASSWORD).otp(Totp.nextCode(secret)).send();
        assertThat(withCode.getStatusCode()).as(withCode.getErrorDescription()).isEqualTo(200);
        assertThat(mfa.acr(withCode)).isEqualTo("mfa");
        assertThat(oauth.doRefreshTokenRequest(withCode.getRefreshToken()).getStatusCode()).isEqualTo(200);
    }

    @Test
    void passwordGrantOfADeveloperNeedsNoSecondFactor() {
        String developer = mfa.user("developer");

        AccessTokenResponse response = oauth.doPasswordGrantRequest(developer, MfaBrowser.PASSWORD);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(mfa.acr(response)).isEqualTo("password");
    }

    @Test
    void aSessionWithoutMfaCannotRefreshOnceItsUserIsGrantedAdmin() {
        String developer = mfa.user("developer");
        AccessTokenResponse login = oauth.doPasswordGrantRequest(developer, MfaBrowser.PASSWORD);
        AccessTokenResponse refreshed = oauth.doRefreshTokenRequest(login.getRefreshToken());
        assertThat(refreshed.getStatusCode()).isEqualTo(200);

        grant(developer, "admin");
        AccessTokenResponse refused = oauth.doRefreshTokenRequest(refreshed.getRefreshToken());

        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getError()).isEqualTo("invalid_grant");
        assertThat(refused.getErrorDescription()).isEqualTo(SIGN_IN_AGAIN);
        assertThat(realm.admin().users().get(mfa.id(developer)).getUserSessions()).as("the session is ended").isEmpty();
    }

    @Test
    void aBrowserSessionWithoutMfaEndsOnRefreshAndTheNextLoginEnforcesEnrolment() {
        String developer = mfa.user("developer");
        mfa.submitPassword(developer);
        AccessTokenResponse tokens = mfa.tokens();

        grant(developer, "admin");
        assertThat(oauth.doRefreshTokenRequest(tokens.getRefreshToken()).getErrorDescription()).isEqualTo(SIGN_IN_AGAIN);

        oauth.openLoginForm();
        loginPage.assertCurrent();
        loginPage.fillLogin(developer, MfaBrowser.PASSWORD);
        loginPage.submit();
        choicePage.assertCurrent();
    }

    @Test
    void aDeveloperWithOptionalMfaKeepsTheSessionWhenGrantedAdminIfTheLoginUsedTheSecondFactor() {
        String developer = mfa.user("developer");
        UserRepresentation rep = realm.admin().users().get(mfa.id(developer)).toRepresentation();
        rep.setRequiredActions(List.of("CONFIGURE_TOTP"));
        realm.admin().users().get(mfa.id(developer)).update(rep);
        mfa.submitPassword(developer);
        String secret = mfa.configureTotp();
        assertThat(mfa.acr(mfa.tokens())).as("the app was set up, not used to sign in").isEqualTo("password");
        mfa.logOut(developer);

        mfa.submitPassword(developer);
        otpPage.assertCurrent();
        otpPage.enter(Totp.nextCode(secret));
        AccessTokenResponse tokens = mfa.tokens();
        assertThat(mfa.acr(tokens)).isEqualTo("mfa");

        grant(developer, "admin");
        AccessTokenResponse refreshed = oauth.doRefreshTokenRequest(tokens.getRefreshToken());
        assertThat(refreshed.getStatusCode()).as(refreshed.getErrorDescription()).isEqualTo(200);
    }

    private void grant(String username, String role) {
        realm.admin().users().get(mfa.id(username)).roles().realmLevel()
                .add(List.of(realm.admin().roles().get(role).toRepresentation()));
    }
}
