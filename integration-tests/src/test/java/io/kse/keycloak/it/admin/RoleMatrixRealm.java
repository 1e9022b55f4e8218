package io.kse.keycloak.it.admin;

import java.time.Instant;
import java.util.Set;

import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import io.kse.keycloak.it.support.Totp;
import org.keycloak.testframework.realm.GroupBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/**
 * The 24h template plus users of every role and a group that grants root. Passwords of root3 and t3 are reset by the
 * tests; nobody logs in as them, so the order of the tests does not matter. Holders of root and admin must use MFA, so
 * they have an authenticator app and send its code with the password grant; the code may be reused within its 30 s
 * window here, because the tests log the same users in many times a minute.
 */
public final class RoleMatrixRealm implements RealmConfig {

    static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-matrix-Passw0rd!");
    static final String ROOTS_GROUP = "roots";
    static final String TOTP_SECRET = SecretLedger.record(Kind.OTP_SECRET, "kse-role-matrix-totp-secret");
    private static final Set<String> MFA_USERS = Set.of("root1", "root2", "root3", "admin1", "admin2", "groot");

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        realm.update(rep -> rep.setOtpPolicyCodeReusable(true));
        return realm.groups(GroupBuilder.create(ROOTS_GROUP).realmRoles("root"))
                .users(
                        user("root1", "root"), user("root2", "root"), user("root3", "root"),
                        user("admin1", "admin"), user("admin2", "admin"),
                        user("bill", "billing"), user("dev", "developer"), user("mon", "monitor"),
                        user("groot").groups(ROOTS_GROUP),
                        user("t1", "developer"), user("t2", "billing"), user("t3", "developer"));
    }

    /** The current one-time code for users who must use MFA, null for the others. */
    static String otp(String username) {
        return MFA_USERS.contains(username) ? Totp.code(TOTP_SECRET, Instant.now()) : null;
    }

    private static UserBuilder user(String username, String... roles) {
        UserBuilder user = UserBuilder.create()
                .username(username)
                .name(username, "Matrix")
                .email(username + "@kse.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD)
                .realmRoles(roles);
        return MFA_USERS.contains(username) ? user.totpSecret(TOTP_SECRET) : user;
    }
}
