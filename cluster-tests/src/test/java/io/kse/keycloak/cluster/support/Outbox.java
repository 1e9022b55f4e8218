package io.kse.keycloak.cluster.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the notification outbox (and the API-key table) straight from the private PostgreSQL. */
public final class Outbox {

    public record Row(String id, String recipient, String kind, String status, int attempts, String leaseOwner,
                      Long leaseUntil) {
    }

    private final PrivatePostgres postgres;

    public Outbox(PrivatePostgres postgres) {
        this.postgres = postgres;
    }

    public List<Row> rowsFor(List<String> recipients) {
        String marks = String.join(",", recipients.stream().map(r -> "?").toList());
        return query("SELECT id, recipient, kind, status, attempts, lease_owner, lease_until FROM kse_notification_outbox"
                + " WHERE lower(recipient) IN (" + marks + ")", recipients.stream().map(String::toLowerCase).toList());
    }

    /** Rows some node holds a lease on right now. */
    public List<Row> leased() {
        return query("SELECT id, recipient, kind, status, attempts, lease_owner, lease_until FROM kse_notification_outbox"
                + " WHERE status = 'PENDING' AND lease_owner IS NOT NULL AND lease_until > ?", List.of(System.currentTimeMillis()));
    }

    public long count(String status) {
        try (Connection connection = postgres.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM kse_notification_outbox WHERE status = ?")) {
            statement.setString(1, status);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Test set-up: makes a key look as if it was created {@code ageDays} ago and expires in {@code daysLeft} days. */
    public void ageApiKey(String keyId, int ageDays, double daysLeft) {
        long now = System.currentTimeMillis();
        try (Connection connection = postgres.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE kse_api_key SET created_at = ?, expires_at = ? WHERE key_id = ?")) {
            statement.setLong(1, now - ageDays * 86_400_000L);
            statement.setLong(2, now + (long) (daysLeft * 86_400_000L));
            statement.setString(3, keyId);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no key " + keyId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Row> query(String sql, List<?> parameters) {
        try (Connection connection = postgres.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    long until = result.getLong(7);
                    rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getInt(5), result.getString(6), result.wasNull() ? null : until));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
