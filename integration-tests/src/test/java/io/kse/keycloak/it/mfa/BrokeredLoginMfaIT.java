package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.OtpLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodesSetupPage;
import io.kse.keycloak.it.support.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;

/**
 * Logins through an identity provider (a second realm on the same server, as an {@code oidc} provider) go through the
 * same MFA enforcement as password logins: the template's first broker login flow enrols a new privileged user, its
 * post broker login flow challenges a linked one, and without that flow a privileged user gets no token at all.
 */
@KeycloakIntegrationTest
class BrokeredLoginMfaIT {

    /** Has the template's post broker login flow and makes every new user an admin. */
    private static final String CORP = "corp";
    /** An operator forgot the post broker login flow. */
    private static final String PLAIN = "corp-plain";
    private static final String POST_BROKER_FLOW = "kse post broker login";
    private static final String TOTP_SECRET = "kse-brokered-totp-secret";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectRealm(ref = "idp", config = IdpRealm.class)
    ManagedRealm idpRealm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectPage
    OtpLoginPage otpPage;

    @InjectPage
    RecoveryCodesSetupPage recoveryCodesPage;

    private MfaBrowser mfa;

    @BeforeEach
    void identityProviders() {
        mfa = new MfaBrowser(realm, oauth, browser);
        identityProvider(CORP, POST_BROKER_FLOW, "admin");
        identityProvider(PLAIN, null, null);
    }

    @Test
    void aNewUserWhoGetsAPrivilegedRoleMustEnrolBeforeAnyCode() {
        signInAt(CORP, IdpRealm.NEW_ADMIN);

        choicePage.assertCurrent();
        assertThat(browser.getCurrentUrl()).doesNotContain("code=");
        String username = IdpRealm.NEW_ADMIN;
        assertThat(realm.admin().users().get(mfa.id(username)).roles().realmLevel().listEffective())
                .extracting(r -> r.getName()).contains("admin");
        assertThat(realm.admin().users().get(mfa.id(username)).getUserSessions()).isEmpty();

        mfa.enrolAuthenticatorApp(null);
        AccessTokenResponse tokens = mfa.tokens();

        assertThat(mfa.credentialTypes(username)).contains("otp", "recovery-authn-codes");
        assertThat(mfa.acr(tokens)).isEqualTo("mfa");
        assertThat(oauth.doRefreshTokenRequest(tokens.getRefreshToken()).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aLinkedAdminWithAnAuthenticatorAppIsChallengedByThePostBrokerLoginFlow() {
        linkedAdmin(CORP, IdpRealm.LINKED_ADMIN, IdpRealm.LINKED_ADMIN_ID);

        signInAt(CORP, IdpRealm.LINKED_ADMIN);

        otpPage.assertCurrent();
        otpPage.enter("000000".equals(code()) ? "111111" : "000000");
        otpPage.assertCurrent();
        otpPage.enter(code());
        // kse-enforce-mfa in the post login flow also asks a privileged user without recovery codes to set them up.
        recoveryCodesPage.assertCurrent();
        recoveryCodesPage.confirmSaved();
        AccessTokenResponse tokens = mfa.tokens();
        assertThat(mfa.acr(tokens)).isEqualTo("mfa");
        assertThat(mfa.credentialTypes(IdpRealm.LINKED_ADMIN)).contains("otp", "recovery-authn-codes");
    }

    @Test
    void withoutThePostBrokerLoginFlowAPrivilegedUserGetsNoTokenButOthersSignInNormally() {
        linkedAdmin(PLAIN, IdpRealm.PLAIN_ADMIN, IdpRealm.PLAIN_ADMIN_ID);

        signInAt(PLAIN, IdpRealm.PLAIN_ADMIN);
        browser.waiting().waitForOAuthCallback();
        AuthorizationEndpointResponse response = oauth.parseLoginResponse();
        assertThat(response.getCode()).as("the login itself completes without a second factor").isNotNull();
        AccessTokenResponse refused = oauth.doAccessTokenRequest(response.getCode());

        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getError()).isEqualTo("invalid_grant");
        assertThat(refused.getErrorDescription()).contains("identity provider '" + PLAIN + "'", POST_BROKER_FLOW);
        assertThat(realm.admin().users().get(mfa.id(IdpRealm.PLAIN_ADMIN)).getUserSessions()).as("session ended").isEmpty();

        signInAt(PLAIN, IdpRealm.PLAIN_DEVELOPER);
        AccessTokenResponse tokens = mfa.tokens();
        assertThat(tokens.getAccessToken()).isNotBlank();
        assertThat(mfa.credentialTypes(IdpRealm.PLAIN_DEVELOPER)).doesNotContain("otp");
    }

    /** Starts a login at the template realm that goes straight to the identity provider, and signs in there. */
    private void signInAt(String alias, String username) {
        // No single sign-on from an earlier test, in either realm. The identity provider's cookie is scoped to its realm's
        // path, out of reach of deleteAll() on a page of the template realm, so its sessions are ended instead.
        idpRealm.admin().users().list().forEach(u -> idpRealm.admin().users().get(u.getId()).logout());
        realm.admin().users().list(0, 500).forEach(u -> realm.admin().users().get(u.getId()).logout());
        oauth.openLoginForm();
        browser.cookies().deleteAll();
        browser.driver().navigate().to(oauth.loginForm().param("kc_idp_hint", alias).build());
        loginPage.assertCurrent();
        assertThat(browser.getCurrentUrl()).contains("/realms/" + idpRealm.getName() + "/");
        loginPage.fillLogin(username, IdpRealm.PASSWORD);
        loginPage.submit();
    }

    /** An admin of the template realm with an authenticator app, linked to the identity provider's user. */
    private void linkedAdmin(String alias, String username, String idpUserId) {
        realm.addUser(UserBuilder.create()
                .username(username)
                .name(username, "Brokered")
                .email(username + "@idp.test")
                .emailVerified(true)
                .enabled(true)
                .totpSecret(TOTP_SECRET)
                .federatedLink(alias, idpUserId, username));
        realm.admin().users().get(mfa.id(username)).roles().realmLevel()
                .add(List.of(realm.admin().roles().get("admin").toRepresentation()));
        assertThat(realm.admin().users().get(mfa.id(username)).getFederatedIdentity()).hasSize(1);
    }

    private void identityProvider(String alias, String postBrokerFlow, String grantedRole) {
        if (realm.admin().identityProviders().findAll().stream().anyMatch(idp -> alias.equals(idp.getAlias()))) {
            return;
        }
        String issuer = urls.getBase() + "/realms/" + idpRealm.getName();
        Map<String, String> config = new HashMap<>();
        config.put("clientId", IdpRealm.CLIENT_ID);
        config.put("clientSecret", IdpRealm.CLIENT_SECRET);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("issuer", issuer);
        config.put("authorizationUrl", issuer + "/protocol/openid-connect/auth");
        config.put("tokenUrl", issuer + "/protocol/openid-connect/token");
        config.put("userInfoUrl", issuer + "/protocol/openid-connect/userinfo");
        config.put("logoutUrl", issuer + "/protocol/openid-connect/logout");
        config.put("jwksUrl", issuer + "/protocol/openid-connect/certs");
        config.put("useJwksUrl", "true");
        config.put("validateSignature", "true");
        config.put("defaultScope", "openid email profile");
        config.put("syncMode", "IMPORT");
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setPostBrokerLoginFlowAlias(postBrokerFlow);
        idp.setConfig(config);
        realm.admin().identityProviders().create(idp).close();
        if (grantedRole != null) {
            IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
            mapper.setName("grant " + grantedRole);
            mapper.setIdentityProviderAlias(alias);
            mapper.setIdentityProviderMapper("oidc-hardcoded-role-idp-mapper");
            mapper.setConfig(Map.of("role", grantedRole, "syncMode", "INHERIT"));
            realm.admin().identityProviders().get(alias).addMapper(mapper).close();
        }
    }

    private static String code() {
        return Totp.code(TOTP_SECRET, Instant.now());
    }
}
