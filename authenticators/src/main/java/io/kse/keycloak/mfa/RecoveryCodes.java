package io.kse.keycloak.mfa;

import java.io.IOException;
import java.util.OptionalInt;

import io.kse.keycloak.common.Settings;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.dto.RecoveryAuthnCodesCredentialData;
import org.keycloak.util.JsonSerialization;

/** The user's Keycloak recovery codes, and the realm's warning threshold for them. */
final class RecoveryCodes {

    static final String REQUIRED_ACTION = UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name();

    /** Keycloak's key in the recovery-codes required action's configuration (RecoveryAuthnCodesAction). */
    static final String WARNING_THRESHOLD = "warning_threshold";

    /** Keycloak's default when neither the required action nor the deprecated password policy sets it. */
    static final int DEFAULT_WARNING_THRESHOLD = 4;

    private static final System.Logger LOG = System.getLogger(RecoveryCodes.class.getName());

    private RecoveryCodes() {
    }

    /** Codes left, or empty when the user has no recovery codes at all. Read from the (cached) credential. */
    static OptionalInt remaining(UserModel user) {
        CredentialModel credential = user.credentialManager()
                .getStoredCredentialsByTypeStream(RecoveryAuthnCodesCredentialModel.TYPE).findFirst().orElse(null);
        if (credential == null) {
            return OptionalInt.empty();
        }
        try {
            RecoveryAuthnCodesCredentialData data = JsonSerialization.readValue(
                    credential.getCredentialData(), RecoveryAuthnCodesCredentialData.class);
            return OptionalInt.of(data.getRemainingCodes());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Unreadable recovery-codes credential of user {0}", user.getId());
            return OptionalInt.empty();
        }
    }

    /**
     * Keycloak 26.7's warning threshold, resolved as its account console does: the "Warning threshold" of the Recovery
     * Authentication Codes required action, else the deprecated password policy {@code recoveryCodesWarningThreshold},
     * else 4.
     */
    static int warningThreshold(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(REQUIRED_ACTION);
        String configured = action == null || action.getConfig() == null ? null : action.getConfig().get(WARNING_THRESHOLD);
        if (configured != null) {
            return Settings.intIn(configured, 0, Integer.MAX_VALUE, DEFAULT_WARNING_THRESHOLD);
        }
        if (realm.getPasswordPolicy() != null && realm.getPasswordPolicy().getPolicies().contains("recoveryCodesWarningThreshold")) {
            return realm.getPasswordPolicy().getRecoveryCodesWarningThreshold();
        }
        return DEFAULT_WARNING_THRESHOLD;
    }

    /** Codes left when they are at or below the threshold (time to regenerate), else empty. */
    static OptionalInt low(RealmModel realm, UserModel user) {
        OptionalInt left = remaining(user);
        return left.isPresent() && left.getAsInt() <= warningThreshold(realm) ? left : OptionalInt.empty();
    }

    static boolean actionEnabled(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(REQUIRED_ACTION);
        return action != null && action.isEnabled();
    }
}
