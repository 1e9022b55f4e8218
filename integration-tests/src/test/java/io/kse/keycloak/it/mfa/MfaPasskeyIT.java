package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.PasskeyLoginPage;
import io.kse.keycloak.it.pages.PasskeyRegisterPage;
import io.kse.keycloak.it.pages.RecoveryCodeLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/** The passkey path, with Chromium's virtual authenticator standing in for a platform authenticator. */
@KeycloakIntegrationTest
class MfaPasskeyIT {

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectPage
    PasskeyRegisterPage passkeyRegisterPage;

    @InjectPage
    RecoveryCodesSetupPage recoveryCodesSetupPage;

    @InjectPage
    PasskeyLoginPage passkeyLoginPage;

    @InjectPage
    RecoveryCodeLoginPage recoveryCodePage;

    private MfaBrowser mfa;
    private VirtualAuthenticator authenticator;

    @BeforeEach
    void steps() {
        mfa = new MfaBrowser(realm, oauth, browser);
        platformAuthenticator();
    }

    void platformAuthenticator() {
        authenticator = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    @AfterEach
    void removeAuthenticator() {
        if (authenticator != null) {
            ((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(authenticator);
            authenticator = null;
        }
    }

    @Test
    void anAdminEnrolsAPasskeyThenRecoveryCodesSignsInWithThePasskeyButCannotUseThePasswordGrant() {
        String admin = mfa.user("admin");
        enrolPasskey(admin);

        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
        assertThat(mfa.credentialTypes(admin)).contains("webauthn-passwordless", "recovery-authn-codes").doesNotContain("otp");
        assertThat(authenticator.getCredentials()).hasSize(1);
        mfa.logOut(admin);

        AccessTokenResponse passwordGrant = oauth.doPasswordGrantRequest(admin, MfaBrowser.PASSWORD);
        assertThat(passwordGrant.getStatusCode()).isEqualTo(400);
        assertThat(passwordGrant.getError()).isEqualTo("invalid_grant");
        assertThat(passwordGrant.getErrorDescription()).contains("a passkey cannot be used with the password grant");

        // Passkeys are enabled on the login page (conditional UI): the discoverable passkey signs the user in without
        // a password, the second-factor subflow is skipped, and enforcement counts the passkey. The earlier session
        // was ended (logOut), so this is a new login, not single sign-on.
        oauth.openLoginForm();
        browser.waiting().waitForOAuthCallback();
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
    }

    @Test
    void aPasskeyIsTheSecondStepWhenTheUserSignsInWithThePassword() {
        String admin = mfa.user("admin");
        enrolPasskey(admin);
        mfa.tokens();
        mfa.logOut(admin);

        // Without an authenticator the login page cannot offer the passkey, so the user types the password.
        List<Credential> passkeys = authenticator.getCredentials();
        removeAuthenticator();
        mfa.submitPassword(admin);
        passkeyLoginPage.assertCurrent();

        platformAuthenticator();
        passkeys.forEach(authenticator::addCredential);
        passkeyLoginPage.authenticate();

        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
    }

    @Test
    void thePasskeyPageOffersARecoveryCodeDirectly() {
        String admin = mfa.user("admin");
        List<String> codes = enrolPasskey(admin);
        mfa.tokens();
        mfa.logOut(admin);

        // The device with the passkey is not at hand: the password, then a recovery code from the passkey page.
        removeAuthenticator();
        mfa.submitPassword(admin);
        passkeyLoginPage.assertCurrent();
        passkeyLoginPage.useRecoveryCode();

        recoveryCodePage.assertCurrent();
        recoveryCodePage.enter(codes.get(recoveryCodePage.requestedCodeNumber() - 1).replace("-", ""));
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
    }

    /** Recovery-code setup follows the passkey enrolment (Keycloak chains it only after OTP); returns the codes. */
    private List<String> enrolPasskey(String username) {
        mfa.submitPassword(username);
        choicePage.assertCurrent();
        choicePage.choosePasskey();

        passkeyRegisterPage.assertCurrent();
        passkeyRegisterPage.register("kse-it-passkey");
        recoveryCodesSetupPage.assertCurrent();
        List<String> codes = recoveryCodesSetupPage.codes();
        assertThat(codes).hasSize(12);
        recoveryCodesSetupPage.confirmSaved();
        return codes;
    }
}
