package dev.revive.actuator.ledger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.envelope.Json;

/**
 * The command ledger in PostgreSQL, keyed by command id. Every write is its own committed statement (auto-commit),
 * so STARTED is durable before a driver is called. Called from the worker threads the drivers run on, over JDBC
 * (ADR 0010: the actuator's work is blocking, so its database access is too).
 */
@ApplicationScoped
public class Ledger {

    /** Seconds a statement may take before it fails (the caller retries or leaves the record for redelivery). */
    private static final int DB_TIMEOUT_SECONDS = 30;

    private final DataSource db;

    public Ledger(DataSource db) {
        this.db = db;
    }

    /** Records the command as STARTED; false when the command id is already in the ledger. */
    public boolean tryStart(RecoveryCommand c, Instant startedAt) {
        return update("""
                INSERT INTO command_ledger (command_id, incident_id, target_id, step, action, state, started_at)
                VALUES (?, ?, ?, ?, ?, 'STARTED', ?)
                ON CONFLICT (command_id) DO NOTHING""",
                c.commandId(), c.incidentId(), c.targetId(), c.step(), c.action(), utc(startedAt)) == 1;
    }

    public Optional<LedgerEntry> find(String commandId) {
        try (Connection conn = db.getConnection();
                PreparedStatement st = prepare(conn, """
                        SELECT command_id, state, attempts, reference, result_json, started_at
                        FROM command_ledger WHERE command_id = ?""", commandId);
                ResultSet r = st.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            String json = r.getString("result_json");
            return Optional.of(new LedgerEntry(r.getString("command_id"), r.getString("state"), r.getInt("attempts"),
                    r.getString("reference"), json == null ? null : read(json),
                    r.getObject("started_at", OffsetDateTime.class).toInstant()));
        } catch (SQLException e) {
            throw new IllegalStateException("command ledger read failed: " + e.getMessage(), e);
        }
    }

    /** Counts one more attempt at a STARTED command that is being resumed. */
    public void resumed(String commandId) {
        update("UPDATE command_ledger SET attempts = attempts + 1 WHERE command_id = ? AND state = 'STARTED'", commandId);
    }

    /** Keeps a driver's external reference (SSM command id, new instance id) on the row. */
    public void reference(String commandId, String reference) {
        update("UPDATE command_ledger SET reference = ? WHERE command_id = ?", reference, commandId);
    }

    /**
     * Stores the outcome of a STARTED command. False when the row was no longer STARTED (another instance finished
     * it first); the stored result then stands.
     */
    public boolean finish(RecoveryResult result) {
        return update("""
                UPDATE command_ledger SET state = ?, result_json = ?, finished_at = ?
                WHERE command_id = ? AND state = 'STARTED'""",
                result.status().name(), write(result), utc(result.finishedAt()), result.commandId()) == 1;
    }

    /** How many commands are STARTED now (after a crash, those whose records Kafka will deliver again). */
    public long countStarted() {
        try (Connection conn = db.getConnection();
                PreparedStatement st = prepare(conn, "SELECT count(*) FROM command_ledger WHERE state = 'STARTED'");
                ResultSet r = st.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("command ledger read failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection conn = db.getConnection(); PreparedStatement st = prepare(conn, sql, params)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("command ledger write failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection conn, String sql, Object... params) throws SQLException {
        PreparedStatement st = conn.prepareStatement(sql);
        st.setQueryTimeout(DB_TIMEOUT_SECONDS);
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String write(RecoveryResult r) {
        try {
            return Json.MAPPER.writeValueAsString(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a RecoveryResult", e);
        }
    }

    private static RecoveryResult read(String json) {
        try {
            return Json.MAPPER.readValue(json, RecoveryResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("ledger holds an unreadable result", e);
        }
    }
}
