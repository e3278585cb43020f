package dev.revive.notifier.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.revive.common.text.ControlCharacters;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The dispatcher's side of the ledger. A delivery is claimed (SENDING, with a lease, attempts + 1) in its own
 * committed transaction before anything is sent, and marked after; a claim whose lease ran out (the sender died) is
 * claimed again. Instances share the work through {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class DeliveryLedger {

    private final DataSource ds;

    DeliveryLedger(DataSource ds) {
        this.ds = ds;
    }

    /** Claims up to {@code limit} deliveries that are due (or whose claim expired), except the {@code excluded} ids. */
    public List<Delivery> claimDue(Instant now, int limit, Duration lease, Collection<Long> excluded)
            throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, lease_until = ?
                WHERE id IN (SELECT id FROM delivery
                             WHERE ((status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until <= ?))
                               AND id <> ALL (?)
                             ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING *""")) {
            c.setAutoCommit(true);
            ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setArray(4, c.createArrayOf("bigint", excluded.toArray()));
            ps.setInt(5, limit);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Delivery.from(rs));
                }
            }
            return out;
        }
    }

    public void markDelivered(long id, String providerMessageId, Instant now) throws SQLException {
        update("""
                UPDATE delivery SET status = 'DELIVERED', provider_message_id = ?, finished_at = ?, lease_until = NULL
                WHERE id = ? AND status = 'SENDING'""", providerMessageId, now, id);
    }

    public void markRetry(long id, Instant nextAttemptAt, String error) throws SQLException {
        update("""
                UPDATE delivery SET status = 'PENDING', next_attempt_at = ?, last_error = ?, lease_until = NULL
                WHERE id = ? AND status = 'SENDING'""", nextAttemptAt, ControlCharacters.clean(error), id);
    }

    public void markFailed(long id, String error, Instant now) throws SQLException {
        update("""
                UPDATE delivery SET status = 'FAILED', last_error = ?, finished_at = ?, lease_until = NULL
                WHERE id = ? AND status = 'SENDING'""", ControlCharacters.clean(error), now, id);
    }

    /** The request (as understood at intake) of a notification. */
    public Optional<byte[]> request(String notificationId) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT request FROM notification WHERE notification_id = ?")) {
            ps.setString(1, notificationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** The requests grouped into a digest, oldest first. */
    public List<byte[]> digestMembers(long digestId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT n.request FROM delivery d JOIN notification n ON n.notification_id = d.notification_id
                WHERE d.digest_id = ? ORDER BY n.received_at, d.id""")) {
            ps.setLong(1, digestId);
            List<byte[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
            return out;
        }
    }

    /** Finished deliveries whose receipt is not yet on Kafka. */
    public List<Unreported> unreported(int limit) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT d.*, n.raw_body, n.ce_id, n.ce_type, n.ce_source, n.ce_time, n.kafka_partition, n.kafka_offset,
                       g.notification_id AS digest_notification_id, g.next_attempt_at AS digest_due,
                       (SELECT count(*) FROM delivery m WHERE m.digest_id = d.id) AS members
                FROM delivery d
                LEFT JOIN notification n ON n.notification_id = d.notification_id
                LEFT JOIN delivery g ON g.id = d.digest_id
                WHERE d.reported_at IS NULL AND d.status IN ('DELIVERED', 'FAILED', 'GROUPED')
                ORDER BY d.id LIMIT ?""")) {
            ps.setInt(1, limit);
            List<Unreported> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int partition = rs.getInt("kafka_partition");
                    Integer p = rs.wasNull() ? null : partition;
                    long offset = rs.getLong("kafka_offset");
                    Long o = rs.wasNull() ? null : offset;
                    out.add(new Unreported(Delivery.from(rs), rs.getBytes("raw_body"), rs.getString("ce_id"),
                            rs.getString("ce_type"), rs.getString("ce_source"), Delivery.instant(rs.getTimestamp("ce_time")),
                            p, o, rs.getString("digest_notification_id"), Delivery.instant(rs.getTimestamp("digest_due")),
                            rs.getLong("members")));
                }
            }
            return out;
        }
    }

    public void markReported(List<Long> ids, Instant now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE delivery SET reported_at = ? WHERE id = ANY (?)")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Every ledger row of a notification (or digest) id. */
    public List<Delivery> find(String notificationId) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM delivery WHERE notification_id = ? ORDER BY id")) {
            ps.setString(1, notificationId);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Delivery.from(rs));
                }
            }
            return out;
        }
    }

    private void update(String sql, Object a, Object b, long id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            set(ps, 1, a);
            set(ps, 2, b);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private static void set(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v instanceof Instant t) {
            ps.setTimestamp(i, Timestamp.from(t));
        } else {
            ps.setString(i, (String) v);
        }
    }
}
