package io.kse.keycloak.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.authentication.actiontoken.DefaultActionToken;

/**
 * The "this wasn't me" link: bound to the user ({@code sub}) and to the notice it came with (the outbox row id), signed
 * with the realm's keys, expiring after the realm's link lifetime. The random nonce makes each link single-use
 * on its own (Keycloak keys revocation by user, expiry and nonce).
 */
final class NotMeActionToken extends DefaultActionToken {

    static final String JSON_NOTIFICATION_ID = "kse_nid";

    @JsonProperty(JSON_NOTIFICATION_ID)
    private String notificationId;

    NotMeActionToken(String userId, int expiresAtSeconds, String notificationId) {
        super(userId, NotMe.ACTION_ID, expiresAtSeconds, null); // null: Keycloak draws a secure random nonce
        this.notificationId = notificationId;
    }

    /** For Jackson, when Keycloak reads the token back. */
    private NotMeActionToken() {
    }

    String getNotificationId() {
        return notificationId;
    }
}
