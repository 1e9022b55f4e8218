package io.kse.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.kse.keycloak.apikey.ApiKeyFormat;
import io.kse.keycloak.apikey.ParsedApiKey;
import io.kse.keycloak.apikey.SecretHasher;

/**
 * Bulk seeding straight into Keycloak's PostgreSQL schema (100k REST calls would take longer than the whole run),
 * followed by a cache clear on the server. Rows are written the way Keycloak writes them; what only the server can
 * compute (a password hash) is copied from a user created over REST, and API-key hashes come from the product's own
 * {@link SecretHasher} with the server's pepper.
 */
final class Db implements AutoCloseable {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/";
    private static final int BATCH = 1000;

    private final Connection connection;

    Db(String database) throws SQLException {
        connection = DriverManager.getConnection(URL + database + "?reWriteBatchedInserts=true", "postgres", "postgres");
    }

    static void create(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(URL + "postgres", "postgres", "postgres");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    static void drop(String database) {
        try (Connection admin = DriverManager.getConnection(URL + "postgres", "postgres", "postgres");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    String realmId(String realm) throws SQLException {
        return single("SELECT id FROM realm WHERE name = ?", realm);
    }

    String realmRoleId(String realmId, String role) throws SQLException {
        return single("SELECT id FROM keycloak_role WHERE realm_id = ? AND name = ? AND client_role = false", realmId, role);
    }

    String defaultRoleId(String realmId) throws SQLException {
        return single("SELECT default_role FROM realm WHERE id = ?", realmId);
    }

    String userId(String realmId, String username) throws SQLException {
        return single("SELECT id FROM user_entity WHERE realm_id = ? AND username = ?", realmId, username);
    }

    String credentialId(String userId, String type) throws SQLException {
        return single("SELECT id FROM credential WHERE user_id = ? AND type = ?", userId, type);
    }

    /** Users {@code prefix-from} … {@code prefix-(to-1)}, enabled, email {@code <username>@bench.localhost}. */
    List<String> insertUsers(String realmId, String prefix, int from, int to, boolean emailVerified, List<String> roleIds)
            throws SQLException {
        List<String> ids = new ArrayList<>(to - from);
        long now = System.currentTimeMillis();
        connection.setAutoCommit(false);
        try (PreparedStatement user = connection.prepareStatement("INSERT INTO user_entity (id, email, email_constraint,"
                + " email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)"
                + " VALUES (?, ?, ?, ?, true, 'Bench', ?, ?, ?, ?, 0)");
             PreparedStatement role = connection.prepareStatement("INSERT INTO user_role_mapping (role_id, user_id) VALUES (?, ?)")) {
            for (int i = from; i < to; i++) {
                String id = UUID.randomUUID().toString();
                String username = (prefix + "-" + i).toLowerCase(Locale.ROOT);
                String email = username + "@bench.localhost";
                user.setString(1, id);
                user.setString(2, email);
                user.setString(3, email);
                user.setBoolean(4, emailVerified);
                user.setString(5, Integer.toString(i));
                user.setString(6, realmId);
                user.setString(7, username);
                user.setLong(8, now);
                user.addBatch();
                for (String roleId : roleIds) {
                    role.setString(1, roleId);
                    role.setString(2, id);
                    role.addBatch();
                }
                ids.add(id);
                if (ids.size() % BATCH == 0) {
                    user.executeBatch();
                    role.executeBatch();
                }
            }
            user.executeBatch();
            role.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return ids;
    }

    /** Copies one credential row (e.g. a password hashed by the server) to every user in {@code userIds}. */
    void copyCredential(String credentialId, List<String> userIds) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, null, "credential", null)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                if (!column.equals("id") && !column.equals("user_id")) {
                    columns.add(column);
                }
            }
        }
        String list = String.join(", ", columns);
        batch("INSERT INTO credential (id, user_id, " + list + ") SELECT ?, ?, " + list + " FROM credential WHERE id = ?",
                userIds, (statement, userId) -> {
                    statement.setString(1, UUID.randomUUID().toString());
                    statement.setString(2, userId);
                    statement.setString(3, credentialId);
                });
    }

    /** A TOTP credential (HmacSHA1, 6 digits, 30 s: the template's policy) with the raw secret Keycloak stores. */
    void insertOtp(List<String> userIds, String secret) throws SQLException {
        insertCredential(userIds, "otp", "bench phone", "{\"value\":\"" + secret + "\"}",
                "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}", 20);
    }

    /**
     * A recovery-codes credential, so that Enforce-MFA does not add its set-up action to every login (it checks only
     * that one exists); the codes themselves are never used.
     */
    void insertRecoveryCodes(List<String> userIds) throws SQLException {
        StringBuilder codes = new StringBuilder("{\"codes\":[");
        for (int i = 1; i <= 12; i++) {
            codes.append(i > 1 ? "," : "").append("{\"number\":").append(i)
                    .append(",\"encodedHashedValue\":\"YmVuY2htYXJrLW9ubHktbm90LWEtcmVhbC1jb2Rl\"}");
        }
        codes.append("]}");
        insertCredential(userIds, "recovery-authn-codes", null, codes.toString(),
                "{\"hashIterations\":1,\"algorithm\":\"RS512\",\"remaining\":12,\"total\":12}", 30);
    }

    private void insertCredential(List<String> userIds, String type, String label, String secretData, String credentialData,
                                  int priority) throws SQLException {
        long now = System.currentTimeMillis();
        batch("INSERT INTO credential (id, type, user_id, created_date, user_label, secret_data, credential_data, priority)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", userIds, (statement, userId) -> {
                    statement.setString(1, UUID.randomUUID().toString());
                    statement.setString(2, type);
                    statement.setString(3, userId);
                    statement.setLong(4, now);
                    statement.setString(5, label);
                    statement.setString(6, secretData);
                    statement.setString(7, credentialData);
                    statement.setInt(8, priority);
                });
    }

    /** One valid 89-day key per user, hashed with the server's pepper; returns the keys as handed to their owners. */
    List<String> insertApiKeys(String realmId, List<String> userIds, String pepper) throws SQLException {
        SecretHasher hasher = new SecretHasher(pepper);
        ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());
        long now = System.currentTimeMillis();
        long expires = now + 89L * 24 * 3600 * 1000;
        List<String> keys = new ArrayList<>(userIds.size());
        batch("INSERT INTO kse_api_key (key_id, realm_id, user_id, secret_hash, label, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, 'bench', ?, ?)", userIds, (statement, userId) -> {
                    ParsedApiKey key = format.generate();
                    statement.setString(1, key.keyId());
                    statement.setString(2, realmId);
                    statement.setString(3, userId);
                    statement.setString(4, hasher.hash(key));
                    statement.setLong(5, now);
                    statement.setLong(6, expires);
                    keys.add(key.reveal());
                });
        return keys;
    }

    long count(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void vacuumAnalyze() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement, String userId) throws SQLException;
    }

    private void batch(String sql, List<String> userIds, Binder binder) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int n = 0;
            for (String userId : userIds) {
                binder.bind(statement, userId);
                statement.addBatch();
                if (++n % BATCH == 0) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private String single(String sql, String... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql + " " + String.join(",", args));
                }
                return rs.getString(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
