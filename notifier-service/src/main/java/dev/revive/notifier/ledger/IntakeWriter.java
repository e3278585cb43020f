package dev.revive.notifier.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import dev.revive.common.text.ControlCharacters;
import dev.revive.notifier.config.NotifierConfig;
import dev.revive.notifier.storm.StormGate;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records a request and its deliveries in one transaction. The notification id is the idempotency key: a request
 * seen before changes nothing. Storm control decides here, under one advisory lock, whether the request is sent on
 * its own or grouped into the open digest of each recipient.
 */
@ApplicationScoped
public class IntakeWriter {

    /** Serializes storm decisions across instances (counts and digest choice must not race). */
    private static final long STORM_LOCK = 0x5245564956454eL;

    public enum Outcome { RECORDED, GROUPED, DUPLICATE }

    private final DataSource ds;
    private final NotifierConfig config;

    IntakeWriter(DataSource ds, NotifierConfig config) {
        this.ds = ds;
        this.config = config;
    }

    public Outcome write(NewNotification n, Instant now) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome o = write(c, n, now);
                c.commit();
                return o;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Outcome write(Connection c, NewNotification n, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification (notification_id, target_id, incident_id, ce_id, ce_type, ce_source, ce_time,
                    raw_body, request, kafka_partition, kafka_offset, grouped, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?)
                ON CONFLICT (notification_id) DO NOTHING""")) {
            ps.setString(1, n.notificationId());
            ps.setString(2, n.targetId());
            ps.setString(3, n.incidentId());
            ps.setString(4, n.ceId());
            ps.setString(5, n.ceType());
            ps.setString(6, n.ceSource());
            ps.setTimestamp(7, n.ceTime() == null ? null : Timestamp.from(n.ceTime()));
            ps.setBytes(8, n.rawBody());
            ps.setBytes(9, n.request());
            setNullableInt(ps, 10, n.partition());
            if (n.offset() == null) {
                ps.setNull(11, Types.BIGINT);
            } else {
                ps.setLong(11, n.offset());
            }
            ps.setTimestamp(12, Timestamp.from(now));
            if (ps.executeUpdate() == 0) {
                return Outcome.DUPLICATE;
            }
        }
        // Urgent kinds skip the lock and the count: they go out on their own whatever the storm.
        boolean grouped = !n.deliverTo().isEmpty() && StormGate.mayGroup(n.kind()) && stormGroups(c, n, now);
        if (grouped) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET grouped = true WHERE notification_id = ?")) {
                ps.setString(1, n.notificationId());
                ps.executeUpdate();
            }
        }
        for (NewNotification.Address a : n.deliverTo()) {
            if (grouped) {
                long digest = openDigest(c, a, n.targetId(), now);
                insert(c, n, a.channel(), a.to(), Delivery.Status.GROUPED, digest, null, now, now);
            } else {
                insert(c, n, a.channel(), a.to(), Delivery.Status.PENDING, null, null, now, null);
            }
        }
        for (NewNotification.Rejected r : n.rejected()) {
            insert(c, n, r.channel(), r.to(), Delivery.Status.FAILED, null, r.reason(), now, now);
        }
        return grouped ? Outcome.GROUPED : Outcome.RECORDED;
    }

    private boolean stormGroups(Connection c, NewNotification n, Instant now) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, STORM_LOCK);
            lock.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE target_id = ?), count(*) FROM notification
                WHERE NOT grouped AND received_at > ? AND notification_id <> ?""")) {
            ps.setString(1, n.targetId());
            ps.setTimestamp(2, Timestamp.from(now.minus(config.storm().window())));
            ps.setString(3, n.notificationId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return StormGate.grouped(n.kind(), rs.getLong(1), rs.getLong(2), config.storm().perTarget(), config.storm().global());
            }
        }
    }

    /** The recipient's digest that is still collecting, or a new one that closes one window from now. */
    private long openDigest(Connection c, NewNotification.Address a, String targetId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id FROM delivery WHERE kind = 'DIGEST' AND channel = ? AND recipient = ? AND status = 'PENDING'
                AND attempts = 0 AND next_attempt_at > ? ORDER BY id LIMIT 1 FOR UPDATE""")) {
            ps.setString(1, a.channel());
            ps.setString(2, a.to());
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO delivery (notification_id, channel, recipient, target_id, kind, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'DIGEST', 'PENDING', ?, ?) RETURNING id""")) {
            ps.setString(1, "digest-" + UUID.randomUUID());
            ps.setString(2, a.channel());
            ps.setString(3, a.to());
            ps.setString(4, targetId);
            ps.setTimestamp(5, Timestamp.from(now.plus(config.storm().window())));
            ps.setTimestamp(6, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insert(Connection c, NewNotification n, String channel, String to, Delivery.Status status,
            Long digestId, String error, Instant now, Instant finishedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO delivery (notification_id, channel, recipient, target_id, incident_id, kind, status,
                    next_attempt_at, digest_id, last_error, created_at, finished_at)
                VALUES (?, ?, ?, ?, ?, 'NOTIFICATION', ?, ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING""")) {
            ps.setString(1, n.notificationId());
            ps.setString(2, channel);
            ps.setString(3, to == null ? "" : to);
            ps.setString(4, n.targetId());
            ps.setString(5, n.incidentId());
            ps.setString(6, status.name());
            ps.setTimestamp(7, Timestamp.from(now));
            if (digestId == null) {
                ps.setNull(8, Types.BIGINT);
            } else {
                ps.setLong(8, digestId);
            }
            ps.setString(9, ControlCharacters.clean(error));
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, finishedAt == null ? null : Timestamp.from(finishedAt));
            ps.executeUpdate();
        }
    }

    private static void setNullableInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }
}
