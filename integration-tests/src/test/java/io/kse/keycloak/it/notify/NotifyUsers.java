package io.kse.keycloak.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Users of the notification tests, made through the admin API with a verified address, and removed by the test. */
final class NotifyUsers {

    static final String PASSWORD = "Kse-it-Passw0rd!";

    private final ManagedRealm realm;

    NotifyUsers(ManagedRealm realm) {
        this.realm = realm;
    }

    /** Creates {@code username} with {@code username@kse.test}, verified, password {@link #PASSWORD}; returns the id. */
    String create(String username, String first, String last, String locale, CredentialRepresentation... more) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@kse.test");
        user.setEmailVerified(true);
        user.setFirstName(first);
        user.setLastName(last);
        user.setEnabled(true);
        if (locale != null) {
            user.setAttributes(Map.of("locale", List.of(locale)));
        }
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        List<CredentialRepresentation> credentials = new ArrayList<>(List.of(password));
        credentials.addAll(List.of(more));
        user.setCredentials(credentials);
        try (Response response = realm.admin().users().create(user)) {
            assertThat(response.getStatus()).as("create %s", username).isEqualTo(201);
            String path = response.getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    void grantRealmRole(String userId, String role) {
        realm.admin().users().get(userId).roles().realmLevel()
                .add(List.of(realm.admin().roles().get(role).toRepresentation()));
    }

    void delete(String... userIds) {
        for (String id : userIds) {
            if (id != null) {
                realm.admin().users().delete(id).close();
            }
        }
    }
}
