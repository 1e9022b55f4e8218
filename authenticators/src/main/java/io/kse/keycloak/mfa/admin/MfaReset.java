package io.kse.keycloak.mfa.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.AdminAuth;

/** Removes a user's second factors and recovery codes and ends every session of the user. */
final class MfaReset {

    /** Every credential type that is, or stands in for, a second factor. */
    static final Set<String> SECOND_FACTOR_TYPES = Set.of(OTPCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR,
            WebAuthnCredentialModel.TYPE_PASSWORDLESS, RecoveryAuthnCodesCredentialModel.TYPE);

    /** Detail of the REMOVE_CREDENTIAL user events: why the credential went (the user did not remove it). */
    static final String DETAIL_REASON = "reason";
    static final String REASON = "kse_admin_mfa_reset";
    /** Detail of the REMOVE_CREDENTIAL user events: the administrator who reset the MFA. */
    static final String DETAIL_ADMIN = "kse_admin_user_id";
    /** Detail of the admin event: how many credentials were removed. */
    static final String DETAIL_REMOVED = "kse_credentials_removed";

    private final KeycloakSession session;
    private final RealmModel realm;

    MfaReset(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Result reset(UserModel user, AdminAuth admin) {
        List<Removed> removed = new ArrayList<>();
        List<CredentialModel> factors = user.credentialManager().getStoredCredentialsStream()
                .filter(credential -> SECOND_FACTOR_TYPES.contains(credential.getType()))
                .toList();
        for (CredentialModel credential : factors) {
            if (user.credentialManager().removeStoredCredentialById(credential.getId())) {
                removed.add(new Removed(credential.getId(), credential.getType(), credential.getUserLabel()));
                event(user, admin, credential);
            }
        }
        // Tokens issued before now are refused (also refresh tokens of sessions being removed concurrently).
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        online.forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
        return new Result(removed, online.size(), offline.size());
    }

    /** One REMOVE_CREDENTIAL per credential, with the details Keycloak's own removal uses; never secret data. */
    private void event(UserModel user, AdminAuth admin, CredentialModel credential) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REMOVE_CREDENTIAL)
                .user(user)
                .detail(Details.CREDENTIAL_TYPE, credential.getType())
                .detail(Details.CREDENTIAL_ID, credential.getId())
                .detail(DETAIL_REASON, REASON);
        if (credential.getUserLabel() != null) {
            event.detail(Details.CREDENTIAL_USER_LABEL, credential.getUserLabel());
        }
        if (admin != null && admin.getUser() != null) {
            event.detail(DETAIL_ADMIN, admin.getUser().getId());
        }
        if (admin != null && admin.getClient() != null) {
            event.client(admin.getClient());
        }
        event.success();
    }

    record Removed(String id, String type, String label) {
    }

    record Result(List<Removed> removed, int sessionsEnded, int offlineSessionsEnded) {

        /** The JSON answer, also the admin event's representation: ids, types and labels only. */
        Map<String, Object> summary(UserModel user) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("userId", user.getId());
            summary.put("username", user.getUsername());
            summary.put("removedCredentials", removed.stream().map(r -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", r.id());
                entry.put("type", r.type());
                if (r.label() != null) {
                    entry.put("label", r.label());
                }
                return entry;
            }).toList());
            summary.put("sessionsEnded", sessionsEnded);
            summary.put("offlineSessionsEnded", offlineSessionsEnded);
            return summary;
        }
    }
}
