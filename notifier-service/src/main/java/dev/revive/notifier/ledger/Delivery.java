package dev.revive.notifier.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** One row of the delivery ledger: a notification (or a digest) on one channel to one recipient. */
public record Delivery(
        long id,
        String notificationId,
        String channel,
        String recipient,
        String targetId,
        String incidentId,
        Kind kind,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        Long digestId,
        String lastError,
        String providerMessageId,
        Instant createdAt,
        Instant finishedAt,
        Instant reportedAt) {

    public enum Kind { NOTIFICATION, DIGEST }

    public enum Status { PENDING, SENDING, DELIVERED, FAILED, GROUPED }

    /** Channel name used in the ledger for a request that names no recipient at all. */
    public static final String NO_CHANNEL = "NONE";

    /** The same row showing another recipient and error text (a redacted view). */
    public Delivery withRecipient(String shownRecipient, String shownError) {
        return new Delivery(id, notificationId, channel, shownRecipient, targetId, incidentId, kind, status, attempts,
                nextAttemptAt, digestId, shownError, providerMessageId, createdAt, finishedAt, reportedAt);
    }

    static Delivery from(ResultSet rs) throws SQLException {
        long digest = rs.getLong("digest_id");
        Long digestId = rs.wasNull() ? null : digest;
        return new Delivery(rs.getLong("id"), rs.getString("notification_id"), rs.getString("channel"),
                rs.getString("recipient"), rs.getString("target_id"), rs.getString("incident_id"),
                Kind.valueOf(rs.getString("kind")), Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")), digestId, rs.getString("last_error"),
                rs.getString("provider_message_id"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("finished_at")), instant(rs.getTimestamp("reported_at")));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
