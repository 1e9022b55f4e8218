package io.kse.keycloak.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.kse.keycloak.it.pages.MfaChoicePage;
import io.kse.keycloak.it.pages.OtpLoginPage;
import io.kse.keycloak.it.pages.RecoveryCodeLoginPage;
import io.kse.keycloak.it.support.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.SelectAuthenticatorPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testframework.util.ApiUtil;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

/** The template's browser flow: enforced enrolment for admin holders, second-factor challenges, nobody else bothered. */
@KeycloakIntegrationTest
class MfaEnforcementIT {

    private static final String RECOVERY_CODE_METHOD = "Recovery Authentication Code";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    MfaChoicePage choicePage;

    @InjectPage
    OtpLoginPage otpPage;

    @InjectPage
    RecoveryCodeLoginPage recoveryCodePage;

    @InjectPage
    SelectAuthenticatorPage selectAuthenticatorPage;

    private MfaBrowser mfa;

    @BeforeEach
    void steps() {
        mfa = new MfaBrowser(realm, oauth, browser);
    }

    @Test
    void anAdminWithoutSecondFactorChoosesTheAuthenticatorAppSetsUpRecoveryCodesAndGetsAnMfaToken() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);

        choicePage.assertCurrent();
        assertThat(choicePage.offeredMethods()).containsExactly("passkey", "authenticator-app");
        assertThat(choicePage.labels()).containsExactly("Use a passkey", "Use an authenticator app");

        List<String> codes = new ArrayList<>();
        mfa.enrolAuthenticatorApp(codes);
        AccessTokenResponse tokens = mfa.tokens();

        assertThat(mfa.acr(tokens)).isEqualTo("mfa");
        assertThat(codes).hasSize(12).allMatch(code -> code.matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"));
        assertThat(mfa.credentialTypes(admin)).contains("password", "otp", "recovery-authn-codes");
        assertThat(oauth.doRefreshTokenRequest(tokens.getRefreshToken()).getStatusCode())
                .as("a session established with MFA keeps refreshing").isEqualTo(200);
    }

    @Test
    void aRootHolderThroughAGroupIsAlsoRequiredToEnrol() {
        String developer = mfa.user("developer");
        String groupId = realm.admin().groups().groups().stream()
                .filter(g -> g.getName().equals("mfa-test-roots")).findFirst()
                .map(GroupRepresentation::getId)
                .orElseGet(() -> {
                    GroupRepresentation group = new GroupRepresentation();
                    group.setName("mfa-test-roots");
                    String id = ApiUtil.getCreatedId(realm.admin().groups().add(group));
                    realm.admin().groups().group(id).roles().realmLevel()
                            .add(List.of(realm.admin().roles().get("root").toRepresentation()));
                    realm.cleanup().add(r -> r.groups().group(id).remove());
                    return id;
                });
        realm.admin().users().get(mfa.id(developer)).joinGroup(groupId);

        mfa.submitPassword(developer);

        choicePage.assertCurrent();
    }

    @Test
    void laterLoginsAskForTheOneTimeCodeOrARecoveryCodeThatCannotBeUsedTwice() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        List<String> codes = new ArrayList<>();
        String secret = mfa.enrolAuthenticatorApp(codes);
        mfa.tokens();
        mfa.logOut(admin);

        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        otpPage.enter(Totp.nextCode(secret));
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
        mfa.logOut(admin);

        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        otpPage.tryAnotherWay();
        selectAuthenticatorPage.assertCurrent();
        selectAuthenticatorPage.selectLoginMethod(RECOVERY_CODE_METHOD);
        recoveryCodePage.assertCurrent();
        int number = recoveryCodePage.requestedCodeNumber();
        String used = codes.get(number - 1).replace("-", "");
        recoveryCodePage.enter(used);
        assertThat(mfa.acr(mfa.tokens())).isEqualTo("mfa");
        mfa.logOut(admin);

        mfa.submitPassword(admin);
        otpPage.assertCurrent();
        otpPage.tryAnotherWay();
        selectAuthenticatorPage.assertCurrent();
        selectAuthenticatorPage.selectLoginMethod(RECOVERY_CODE_METHOD);
        recoveryCodePage.assertCurrent();
        assertThat(recoveryCodePage.requestedCodeNumber()).as("the used code is consumed").isEqualTo(number + 1);
        recoveryCodePage.enter(used);
        recoveryCodePage.assertCurrent();
        assertThat(recoveryCodePage.fieldError()).isEqualTo("Invalid recovery authentication code");
    }

    @Test
    void anAdminWhoDeletesTheirLastSecondFactorMustEnrolAgain() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        List<String> codes = new ArrayList<>();
        mfa.enrolAuthenticatorApp(codes);
        mfa.tokens();
        mfa.logOut(admin);
        UserResource user = realm.admin().users().get(mfa.id(admin));
        user.credentials().stream().filter(c -> c.getType().equals("otp")).forEach(c -> user.removeCredential(c.getId()));

        // Only the recovery codes are left: one of them gets the user as far as enrolling a new factor, no further.
        mfa.submitPassword(admin);
        recoveryCodePage.assertCurrent();
        recoveryCodePage.enter(codes.get(recoveryCodePage.requestedCodeNumber() - 1).replace("-", ""));
        choicePage.assertCurrent();
        assertThat(realm.admin().users().get(mfa.id(admin)).getUserSessions()).isEmpty();
    }

    @Test
    void aDeveloperIsNeverPromptedAndGetsAPasswordLevelToken() {
        String developer = mfa.user("developer");
        mfa.submitPassword(developer);

        AccessTokenResponse tokens = mfa.tokens();

        assertThat(mfa.acr(tokens)).isEqualTo("password");
        assertThat(mfa.credentialTypes(developer)).containsExactly("password");
    }

    @Test
    void aTamperedChoiceIsRefusedAndNothingIsEnrolled() {
        String admin = mfa.user("admin");
        mfa.submitPassword(admin);
        choicePage.assertCurrent();

        choicePage.submitTampered("sms");

        choicePage.assertCurrent();
        assertThat(choicePage.getErrorMessage()).hasValue("Choose one of the methods offered on this page.");
        assertThat(mfa.credentialTypes(admin)).containsExactly("password");
        assertThat(realm.admin().users().get(mfa.id(admin)).getUserSessions()).isEmpty();
    }
}
