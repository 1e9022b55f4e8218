package io.kse.keycloak.it.mfa;

import java.time.Instant;

import io.kse.keycloak.it.support.Totp;
import org.keycloak.testframework.realm.GroupBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/**
 * The 24h template with the users of the MFA reset tests: two roots, a root through a group, three admins, two
 * developers with an authenticator app (dev1 also sets up recovery codes at the first login), a monitor and a billing
 * user. Each test resets a different user, so their order does not matter. Everyone who has an authenticator app shares one secret; codes may be reused within their 30 s
 * window, because the tests sign the same users in many times a minute.
 */
public final class MfaResetRealm implements RealmConfig {

    static final String PASSWORD = MfaBrowser.PASSWORD;
    static final String TOTP_SECRET = "kse-mfa-reset-totp-secret";
    static final String ROOTS_GROUP = "reset-roots";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        realm.update(rep -> rep.setOtpPolicyCodeReusable(true));
        return realm.groups(GroupBuilder.create(ROOTS_GROUP).realmRoles("root"))
                .users(user("root1", "root").totpSecret(TOTP_SECRET), user("root2", "root").totpSecret(TOTP_SECRET),
                        user("groot").groups(ROOTS_GROUP).totpSecret(TOTP_SECRET),
                        user("admin1", "admin").totpSecret(TOTP_SECRET),
                        user("admin2", "admin").totpSecret(TOTP_SECRET), user("admin3", "admin").totpSecret(TOTP_SECRET),
                        user("dev1", "developer").totpSecret(TOTP_SECRET).requiredActions("CONFIGURE_RECOVERY_AUTHN_CODES"),
                        user("dev2", "developer").totpSecret(TOTP_SECRET),
                        user("mon", "monitor"), user("bill", "billing"));
    }

    /** The current code of the shared authenticator app; users without one ignore it in the password grant. */
    static String otp(String username) {
        return Totp.code(TOTP_SECRET, Instant.now());
    }

    static UserBuilder user(String username, String... roles) {
        return UserBuilder.create()
                .username(username)
                .name(username, "Reset")
                .email(username + "@kse.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD)
                .realmRoles(roles);
    }
}
