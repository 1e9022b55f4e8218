package io.kse.keycloak.it.apikey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.kse.keycloak.it.support.ApiKeyCallerRealm;
import io.kse.keycloak.it.support.SecretLedger;
import io.kse.keycloak.it.support.SecretLedger.Kind;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;

/**
 * The 24h template plus the users the API-key tests act as, {@value #APP}, the confidential client that may
 * exchange keys, and {@link ApiKeyCallerRealm#CLIENT}, whose tokens the self-service API accepts. Holders of root and admin must use MFA, so they have an authenticator app (code reusable within its
 * window, since the tests log them in several times a minute).
 */
public final class ApiKeyRealm implements RealmConfig {

    static final String PASSWORD = SecretLedger.record(Kind.PASSWORD, "Kse-apikey-Passw0rd!");
    static final String APP = "kse-api-key-app";
    static final String APP_SECRET = "kse-api-key-app-secret";
    /** The API the app calls with the exchanged token: in its audience, so it may introspect the token. */
    static final String RESOURCE = "kse-api-resource";
    static final String TOTP_SECRET = SecretLedger.record(Kind.OTP_SECRET, "kse-api-key-it-totp-secret");
    static final String GRANT_ATTRIBUTE = "kse.apiKeyGrant";
    private static final Set<String> MFA_USERS = Set.of("root1", "root2", "admin1");

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        realm.update(rep -> rep.setOtpPolicyCodeReusable(true));
        return realm.clients(app(APP), ClientBuilder.create(RESOURCE).secret(APP_SECRET).publicClient(false),
                        ApiKeyCallerRealm.client())
                .users(user("root1", "root"), user("root2", "root"), user("admin1", "admin"),
                        user("dev", "developer", "monitor"), user("dev2", "developer"));
    }

    static ClientBuilder app(String clientId) {
        return ClientBuilder.create(clientId)
                .secret(APP_SECRET)
                .publicClient(false)
                .directAccessGrantsEnabled(false)
                .attribute(GRANT_ATTRIBUTE, "true")
                .protocolMappers(ApiKeyCallerRealm.audience(RESOURCE), introspection());
    }

    /** Our mapper that keeps introspection of key tokens truthful (claims, the key's roles only). */
    private static ProtocolMapperRepresentation introspection() {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("api-key claims in introspection");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("kse-api-key-introspection");
        mapper.setConfig(Map.of());
        return mapper;
    }

    static UserBuilder user(String username, String... roles) {
        UserBuilder user = UserBuilder.create()
                .username(username)
                .name(username, "ApiKey")
                .email(username + "@kse.test")
                .emailVerified(true)
                .enabled(true)
                .password(PASSWORD)
                .realmRoles(roles);
        return MFA_USERS.contains(username) ? user.totpSecret(TOTP_SECRET) : user;
    }

    /** The current code of users who must use MFA (RFC 6238, HmacSHA1, 6 digits, 30 s), null for the others. */
    static String otp(String username) {
        if (!MFA_USERS.contains(username)) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOTP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(Instant.now().getEpochSecond() / 30).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
