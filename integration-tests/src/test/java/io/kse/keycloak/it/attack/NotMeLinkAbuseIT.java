package io.kse.keycloak.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kse.keycloak.it.support.Mails;
import io.kse.keycloak.it.support.PasswordResets;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.HasCdp;

/**
 * "This wasn't me" links bent by an attacker (NotMeLinkIT covers replay, tampering, expiry and another signed-in user):
 * redirect parameters added to a genuine link never take the browser off the server, and a token re-signed with
 * {@code alg: none} is refused without any effect.
 */
@KeycloakIntegrationTest
class NotMeLinkAbuseIT {

    private static final Pattern LINK = Pattern.compile("(https?://\\S+/login-actions/action-token\\?key=[A-Za-z0-9._-]+)");
    private static final String NEW_PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-attack-n3w-Passw0rd!");

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json", config = AttackRealm.class)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectWebDriver
    ManagedWebDriver browser;

    @BeforeEach
    void clearBrowser() {
        ((HasCdp) browser.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Test
    void redirectParametersAddedToTheLinkNeverLeaveTheServer() throws Exception {
        String link = linkFor("dev.attacker");
        String server = link.substring(0, link.indexOf("/realms/"));

        browser.open(link + "&redirect_uri=" + Http.encode("https://evil.test/phish") + "&client_id=account"
                + "&kc_redirect=" + Http.encode("https://evil.test/"));
        awaitAny("kse-not-me-form", "kc-page-title");
        if (browser.driver().getPageSource().contains("kse-not-me-form")) {
            browser.findElement(By.id("kse-not-me-confirm")).click();
            awaitAny("kse-not-me-done", "kc-page-title");
        }

        assertThat(browser.driver().getCurrentUrl()).startsWith(server);
        assertThat(browser.driver().getPageSource()).doesNotContain("evil.test");
    }

    @Test
    void aLinkReSignedWithAlgNoneIsRefusedAndChangesNothing() throws Exception {
        String link = linkFor("mon.attacker");
        String token = link.substring(link.indexOf("key=") + 4);
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        browser.open(link.substring(0, link.indexOf("key=") + 4) + none + "." + parts[1] + ".");
        awaitAny("kc-error-message", "kse-not-me-form");

        // Keycloak refuses the unsigned token before our handler sees it ("Invalid Request").
        assertThat(browser.driver().getPageSource()).doesNotContain("kse-not-me-form").contains("kc-error-message");
        List<EventRepresentation> reports = realm.admin().getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null,
                id("mon.attacker"), null, null, null, 0, 100);
        assertThat(reports).isEmpty();
        assertThat(realm.admin().users().get(id("mon.attacker")).toRepresentation().getRequiredActions())
                .doesNotContain("UPDATE_PASSWORD");
    }

    /** An administrator resets the user's password; the notice carries the link. */
    private String linkFor(String username) throws Exception {
        realm.admin().users().get(id(username)).resetPassword(PasswordResets.password(NEW_PASSWORD));
        String address = username + "@kse.test";
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (sentTo(message, address)) {
                    Matcher matcher = LINK.matcher(Mails.part(message, "text/plain"));
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no notice with a link to " + address);
    }

    private static boolean sentTo(MimeMessage message, String address) throws MessagingException {
        Address[] recipients = message.getAllRecipients();
        return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
    }

    private void awaitAny(String... fragments) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            String source = browser.driver().getPageSource();
            if (Arrays.stream(fragments).anyMatch(source::contains)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("none of " + Arrays.toString(fragments) + " on " + browser.driver().getCurrentUrl());
    }

    private String id(String username) {
        return realm.admin().users().search(username, true).get(0).getId();
    }
}
