package io.kse.keycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.BadRequestException;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.realm.ManagedUser;

/** Password resets through the admin REST API, as the realm's password policy judges them. */
public final class PasswordResets {

    private PasswordResets() {
    }

    /** Resets the user's password to {@code candidate}, expecting a refusal, and returns the error body. */
    public static String refusal(ManagedUser user, String candidate) {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class,
                () -> user.admin().resetPassword(password(candidate)));
        assertThat(refused).as("'%s' must be refused", candidate).isNotNull();
        return refused.getResponse().readEntity(String.class);
    }

    /** A permanent password credential with the given value. */
    public static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }
}
