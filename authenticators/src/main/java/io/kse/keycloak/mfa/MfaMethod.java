package io.kse.keycloak.mfa;

import java.util.Arrays;
import java.util.Optional;

import org.keycloak.models.UserModel;

/** The second factors a user may enrol, each set up by Keycloak's own required action. */
enum MfaMethod {

    /** A discoverable WebAuthn credential; the same required action the account console uses for passkeys. */
    PASSKEY("passkey", "webauthn-register-passwordless"),
    AUTHENTICATOR_APP("authenticator-app", UserModel.RequiredAction.CONFIGURE_TOTP.name());

    private final String id;
    private final String requiredAction;

    MfaMethod(String id, String requiredAction) {
        this.id = id;
        this.requiredAction = requiredAction;
    }

    /** The value in the authenticator config and in the choice form. */
    String id() {
        return id;
    }

    String requiredAction() {
        return requiredAction;
    }

    static Optional<MfaMethod> fromId(String id) {
        return Arrays.stream(values()).filter(method -> method.id.equals(id)).findFirst();
    }
}
