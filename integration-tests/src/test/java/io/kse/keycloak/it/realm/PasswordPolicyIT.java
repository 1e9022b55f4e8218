package io.kse.keycloak.it.realm;

import static io.kse.keycloak.it.support.PasswordResets.password;
import static io.kse.keycloak.it.support.PasswordResets.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kse.keycloak.it.pages.UpdatePasswordPage;
import io.kse.keycloak.it.support.Mails;
import io.kse.keycloak.it.support.PolicyCompliantUser;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.InjectUser;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.ManagedUser;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.InfoPage;
import org.keycloak.testframework.ui.page.ProceedPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/** The template's password policy, through the admin REST API and through the login theme in a real browser. */
@KeycloakIntegrationTest
class PasswordPolicyIT {

    private static final String ELEVEN_CHARACTERS = "Abcdefg-12!";
    private static final String COMPLIANT_TWELVE = "Kse-tw3lve!A";
    private static final Pattern ACTION_LINK = Pattern.compile("https?://[^\\s\"<>]+/login-actions/action-token\\?key=[^\\s\"<>]+");

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectUser(config = PolicyCompliantUser.class, lifecycle = LifeCycle.METHOD)
    ManagedUser user;

    @InjectMailServer
    MailServer mail;

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectPage
    UpdatePasswordPage updatePasswordPage;

    @InjectPage
    ProceedPage proceedPage;

    @InjectPage
    InfoPage infoPage;

    @Test
    void elevenCharactersAreRefusedWithThePolicyMessageAndACompliantTwelveAreAccepted() {
        assertThat(ELEVEN_CHARACTERS).hasSize(11);
        assertThat(COMPLIANT_TWELVE).hasSize(12);

        assertThat(refusal(user, ELEVEN_CHARACTERS)).contains("invalidPasswordMinLengthMessage");

        user.admin().resetPassword(password(COMPLIANT_TWELVE));
        assertThat(user.admin().credentials()).extracting(CredentialRepresentation::getType).contains("password");
    }

    @Test
    void everyCompositionRuleIsEnforced() {
        assertThat(refusal(user, "kse-tw3lve!a-lower")).contains("invalidPasswordMinUpperCaseCharsMessage");
        assertThat(refusal(user, "KSE-TW3LVE!A-UPPER")).contains("invalidPasswordMinLowerCaseCharsMessage");
        assertThat(refusal(user, "Kse-twelve!A-nodigit")).contains("invalidPasswordMinDigitsMessage");
        assertThat(refusal(user, "Kse0twelve0A0nospecial")).contains("invalidPasswordMinSpecialCharsMessage");
    }

    @Test
    void denylistedAndRecentlyUsedPasswordsAreRefused() {
        // The denylist is checked lower-cased; this entry of it passes every other rule of the policy.
        assertThat(refusal(user, "P030710p$e4o")).contains("invalidPasswordBlacklistedMessage");

        user.admin().resetPassword(password(COMPLIANT_TWELVE));
        assertThat(refusal(user, COMPLIANT_TWELVE)).contains("invalidPasswordHistoryMessage");
    }

    @Test
    void theEmailedUpdatePasswordLinkShowsThePolicyInTheBrowserAndAcceptsACompliantPassword() throws Exception {
        user.admin().executeActionsEmail(List.of("UPDATE_PASSWORD"));
        assertThat(mail.waitForIncomingEmail(10_000, 1)).as("execute-actions mail delivered").isTrue();
        MimeMessage message = mail.getLastReceivedMessage();
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("alice@kse.test");

        // A link opened outside the browser that started it first asks to proceed.
        browser.open(actionLink(message));
        proceedPage.assertCurrent();
        proceedPage.clickProceedLink();
        updatePasswordPage.assertCurrent();

        updatePasswordPage.choose(ELEVEN_CHARACTERS);
        updatePasswordPage.assertCurrent();
        assertThat(updatePasswordPage.policyError()).isEqualTo("Choose a longer password: at least 12 characters.");

        updatePasswordPage.choose(COMPLIANT_TWELVE);
        infoPage.assertCurrent();
        assertThat(infoPage.getInfo()).isEqualTo("Your account has been updated.");
        assertThat(user.admin().credentials()).extracting(CredentialRepresentation::getType).contains("password");
    }


    private static String actionLink(MimeMessage message) throws Exception {
        String text = Mails.part(message, "text/plain");
        assertThat(text).as("plain-text part").isNotNull();
        Matcher matcher = ACTION_LINK.matcher(text);
        assertThat(matcher.find()).as("action link in the mail").isTrue();
        return matcher.group();
    }
}
