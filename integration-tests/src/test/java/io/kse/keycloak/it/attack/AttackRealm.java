package io.kse.keycloak.it.attack;

import java.time.Instant;

import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import io.kse.keycloak.it.support.Totp;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/**
 * The 24h template (one-time codes not reusable, brute-force lockout after ten failures) with the users the attacks
 * act as. Admin holders with an authenticator app each have their own secret, so that a lockout of one never leaks
 * into another test.
 */
public final class AttackRealm implements RealmConfig {

    static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-attack-Passw0rd!");
    /** A confidential client that may exchange API keys. */
    static final String APP = "kse-attack-app";
    static final String APP_SECRET = SecretLedger.record(Kind.PASSWORD, "kse-attack-app-secret");

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        realm.clients(ClientBuilder.create(APP).secret(APP_SECRET).publicClient(false).directAccessGrantsEnabled(false)
                .attribute("kse.apiKeyGrant", "true"), ApiKeyCallerRealm.client());
        return realm.users(withApp("otp.replay", "admin"), withApp("otp.guess", "admin"), withApp("otp.tamper", "admin"),
                withApp("admin.attacker", "admin"), withApp("admin.other", "admin"),
                user("dev.attacker", "developer"), user("mon.attacker", "monitor"));
    }

    static UserBuilder user(String username, String... roles) {
        return UserBuilder.create()
                .username(username)
                .name(username, "Attack")
                .email(username + "@kse.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD)
                .realmRoles(roles);
    }

    private static UserBuilder withApp(String username, String... roles) {
        return user(username, roles).totpSecret(secret(username));
    }

    /** The OTP secret of a user made with an authenticator app (one per user). */
    static String secret(String username) {
        return SecretLedger.record(Kind.OTP_SECRET, "kse-attack-totp-" + username);
    }

    static String otp(String username) {
        return Totp.code(secret(username), Instant.now());
    }
}
