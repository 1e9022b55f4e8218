package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;

/**
 * The outbox row is written in the transaction of the change: a change whose transaction rolls back after its event
 * was raised leaves no notification, the same change committed leaves exactly one. Runs Keycloak's own code on the
 * server (a password update and its event, as the UPDATE_PASSWORD required action raises them).
 */
@KeycloakIntegrationTest
class OutboxTransactionIT {

    private static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-it-Passw0rd!");
    private static final long TIMEOUT = 20_000;
    private static final long QUIET_PERIOD = 4_000;

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectRunOnServer
    RunOnServerClient server;

    @Test
    void aRolledBackChangeSendsNothingAndTheSameChangeCommittedSendsOnce() throws Exception {
        realm.addUser(UserBuilder.create().username("tx.user").name("Tina", "Tx").email("tx.user@kse.test")
                .emailVerified(true).enabled(true).password(PASSWORD));
        String realmName = realm.getName();
        Long before = passwordCreatedDate();

        server.run(session -> changePassword(session, realmName, true));
        Thread.sleep(QUIET_PERIOD);
        assertThat(new Inbox(mail).to("tx.user@kse.test")).as("mails after the rolled-back change").isEmpty();
        assertThat(passwordCreatedDate()).as("the password itself was rolled back too").isEqualTo(before);

        server.run(session -> changePassword(session, realmName, false));
        Inbox inbox = new Inbox(mail);
        inbox.await("tx.user@kse.test", 1, TIMEOUT);
        Thread.sleep(QUIET_PERIOD);
        List<MimeMessage> received = inbox.to("tx.user@kse.test");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("KSE: your password was changed");
    }

    private Long passwordCreatedDate() {
        String id = realm.admin().users().searchByUsername("tx.user", true).get(0).getId();
        return realm.admin().users().get(id).credentials().stream()
                .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType()))
                .map(CredentialRepresentation::getCreatedDate).findFirst().orElseThrow();
    }

    /** What UPDATE_PASSWORD does: update the credential, raise both events; optionally roll the transaction back. */
    private static void changePassword(KeycloakSession session, String realmName, boolean rollback) {
        RealmModel realm = session.realms().getRealmByName(realmName);
        session.getContext().setRealm(realm);
        UserModel user = session.users().getUserByUsername(realm, "tx.user");
        user.credentialManager().updateCredential(UserCredentialModel.password(
                rollback ? "Kse-r0lled-Back-Pw!" : "Kse-c0mmitted-Pw!", false));
        EventBuilder event = new EventBuilder(realm, session).event(EventType.UPDATE_CREDENTIAL).user(user)
                .detail(Details.CREDENTIAL_TYPE, "password");
        event.clone().event(EventType.UPDATE_PASSWORD).success();
        event.success();
        if (rollback) {
            session.getTransactionManager().setRollbackOnly();
        }
    }
}
