package io.kse.keycloak.notify;

import java.io.IOException;
import java.util.Optional;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.dto.RecoveryAuthnCodesCredentialData;
import org.keycloak.util.JsonSerialization;

/** The user's unused recovery codes and the realm's "few left" threshold, as Keycloak 26.7 computes them. */
final class RecoveryCodes {

    /** Provider id of Keycloak's recovery-codes required action and its config key (26.7). */
    static final String REQUIRED_ACTION = "CONFIGURE_RECOVERY_AUTHN_CODES";
    static final String WARNING_THRESHOLD = "warning_threshold";

    private RecoveryCodes() {
    }

    /**
     * Unused codes after a sign-in that named recovery codes: 0 when the user has none left (Keycloak removes the
     * credential once the last code is used), empty when none of the codes was used. The latter happens when the codes
     * were set up during that sign-in: the setup's {@code credential_type} detail stays on the flow's event, so the
     * LOGIN that follows carries it too.
     */
    static Optional<Integer> remainingAfterUse(UserModel user) {
        Optional<RecoveryAuthnCodesCredentialData> data = user.credentialManager()
                .getStoredCredentialsByTypeStream(RecoveryAuthnCodesCredentialModel.TYPE).findFirst()
                .flatMap(RecoveryCodes::data);
        if (data.isEmpty()) {
            return Optional.of(0);
        }
        int remaining = data.get().getRemainingCodes();
        return remaining >= data.get().getTotalCodes() ? Optional.empty() : Optional.of(remaining);
    }

    private static Optional<RecoveryAuthnCodesCredentialData> data(CredentialModel credential) {
        try {
            return Optional.ofNullable(JsonSerialization.readValue(credential.getCredentialData(),
                    RecoveryAuthnCodesCredentialData.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * As Keycloak's account console: the required action's {@value #WARNING_THRESHOLD}, else the deprecated password
     * policy {@code recoveryCodesWarningThreshold}, else 4.
     */
    static int warningThreshold(RealmModel realm) {
        String configured = realm.getRequiredActionProvidersStream()
                .filter(action -> REQUIRED_ACTION.equals(action.getProviderId()))
                .map(action -> action.getConfig() == null ? null : action.getConfig().get(WARNING_THRESHOLD))
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
        if (configured != null) {
            try {
                return Integer.parseInt(configured.strip());
            } catch (NumberFormatException e) {
                // fall through to the policy, as a malformed value would make Keycloak's own warning fail
            }
        }
        PasswordPolicy policy = realm.getPasswordPolicy();
        return policy == null ? PasswordPolicy.RECOVERY_CODES_WARNING_THRESHOLD_DEFAULT
                : policy.getRecoveryCodesWarningThreshold();
    }

    /**
     * "Few left" at or below the threshold, the same rule as kse-enforce-mfa's prompt to regenerate at sign-in, so
     * the mail and the prompt agree (Keycloak's account console warns only below it).
     */
    static boolean few(int left, int threshold) {
        return left <= threshold;
    }
}
