package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kse.keycloak.it.support.Mails;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Privileged roles granted by an administrator, directly, through a composite role and through a group: the user is
 * told (with the "this wasn't me" link), and every Root/Admin holder gets the admin-facing notice naming the user and
 * the administrator (without the link), also holders who got their role through a composite role or a subgroup.
 */
@KeycloakIntegrationTest
class PrivilegedRoleNotificationsIT {

    /** The framework's admin client is this service account of the master realm. */
    private static final String ACTOR = "service-account-temp-admin";

    @InjectRealm(fromJson = "/realms/kse-realm-24h.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @Test
    void grantsDirectlyThroughACompositeAndThroughASubgroupAreMailedToTheUserAndToEveryRootOrAdminHolder()
            throws Exception {
        NotifyUsers users = new NotifyUsers(realm);
        String rootId = users.create("pr.root", "Rosa", "Root", null);
        String adminId = users.create("pr.admin", "Adam", "Admin", null);
        String userId = users.create("pr.user", "Pia", "User", "de");
        String staffId = null;
        try {
            // A composite realm role that contains root.
            realm.admin().roles().create(role("pr-super"));
            realm.admin().roles().get("pr-super").addComposites(List.of(realm.admin().roles().get("root").toRepresentation()));
            users.grantRealmRole(rootId, "pr-super");
            MimeMessage viaComposite = new Inbox(mail).single("pr.root@kse.test", Inbox.subjectContains("given the role"));
            assertThat(viaComposite.getSubject()).isEqualTo("KSE: you were given the role root");
            assertThat(Mails.part(viaComposite, "text/plain")).contains("Your account pr.root now holds the role root in KSE",
                    "Role: root", "Done by administrator: " + ACTOR, "This wasn\u2019t me: http");

            // A group holding admin, joined through its subgroup.
            staffId = created(realm.admin().groups().add(group("pr-staff")));
            realm.admin().groups().group(staffId).roles().realmLevel()
                    .add(List.of(realm.admin().roles().get("admin").toRepresentation()));
            String opsId = created(realm.admin().groups().group(staffId).subGroup(group("pr-ops")));
            realm.admin().users().get(adminId).joinGroup(opsId);
            MimeMessage viaGroup = new Inbox(mail).single("pr.admin@kse.test", Inbox.subjectContains("given the role"));
            assertThat(viaGroup.getSubject()).isEqualTo("KSE: you were given the role admin");
            assertThat(Mails.part(viaGroup, "text/plain")).contains("Role: admin", "Through group: /pr-staff/pr-ops");
            assertThat(Mails.part(viaGroup, "text/html")).contains("/pr-staff/pr-ops", "id=\"kse-not-me-link\"");
            MimeMessage rootToldOfAdmin = new Inbox(mail).single("pr.root@kse.test", Inbox.subjectContains("pr.admin was given"));
            assertThat(rootToldOfAdmin.getSubject()).isEqualTo("KSE: pr.admin was given the role admin");

            // Now a direct grant to a German-speaking user: both holders, one through each path, are told.
            users.grantRealmRole(userId, "admin");
            MimeMessage toUser = new Inbox(mail).single("pr.user@kse.test", Inbox.subjectContains("Rolle"));
            assertThat(toUser.getSubject()).isEqualTo("KSE: Sie haben die Rolle admin erhalten");
            assertThat(Mails.part(toUser, "text/plain")).contains("Ihr Konto pr.user hat in KSE jetzt die Rolle admin",
                    "Rolle: admin", "Ausgef\u00fchrt von Administrator: " + ACTOR, "action-token?key=");
            assertThat(Mails.part(toUser, "text/html")).contains("id=\"kse-not-me-link\"");
            for (String address : List.of("pr.root@kse.test", "pr.admin@kse.test")) {
                MimeMessage alert = new Inbox(mail).single(address, Inbox.subjectContains("pr.user was given"));
                assertThat(alert.getSubject()).isEqualTo("KSE: pr.user was given the role admin");
                String text = Mails.part(alert, "text/plain");
                String html = Mails.part(alert, "text/html");
                assertThat(text).contains("Pia User (pr.user, pr.user@kse.test) now holds the role admin.", "Role: admin",
                        "Done by administrator: " + ACTOR, "If this grant was not authorised")
                        .doesNotContain("action-token", "This wasn\u2019t me");
                assertThat(html).contains("A user was given a privileged role", ">" + ACTOR + "<")
                        .doesNotContain("kse-not-me-link", "action-token");
            }

            // Nothing new: joining a group that brings admin again, and a role that is not privileged.
            realm.admin().users().get(userId).joinGroup(opsId);
            users.grantRealmRole(userId, "billing");
            Thread.sleep(Inbox.QUIET_PERIOD);
            assertThat(new Inbox(mail).to("pr.user@kse.test")).as("only the first grant").hasSize(1);
            assertThat(new Inbox(mail).to("pr.root@kse.test")).as("root: own grant, admin's, user's").hasSize(3);
        } finally {
            users.delete(rootId, adminId, userId);
            if (staffId != null) {
                realm.admin().groups().group(staffId).remove();
            }
            realm.admin().roles().deleteRole("pr-super");
        }
    }

    private static RoleRepresentation role(String name) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(name);
        return role;
    }

    private static GroupRepresentation group(String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        return group;
    }

    private static String created(Response response) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(201);
            String path = response.getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
