package dev.revive.actuator.ledger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.envelope.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The command ledger in PostgreSQL, keyed by command id. Every write is its own committed statement (auto-commit),
 * so STARTED is durable before a driver is called. Called from worker threads: it waits for the reactive client.
 */
@ApplicationScoped
public class Ledger {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;

    public Ledger(Pool pool) {
        this.pool = pool;
    }

    /** Records the command as STARTED; false when the command id is already in the ledger. */
    public boolean tryStart(RecoveryCommand c, Instant startedAt) {
        RowSet<Row> rows = pool.preparedQuery("""
                INSERT INTO command_ledger (command_id, incident_id, target_id, step, action, state, started_at)
                VALUES ($1, $2, $3, $4, $5, 'STARTED', $6)
                ON CONFLICT (command_id) DO NOTHING
                RETURNING command_id""")
                .execute(Tuple.from(new Object[] { c.commandId(), c.incidentId(), c.targetId(), c.step(), c.action(),
                        utc(startedAt) }))
                .await().atMost(DB_TIMEOUT);
        return rows.rowCount() == 1;
    }

    public Optional<LedgerEntry> find(String commandId) {
        RowSet<Row> rows = pool.preparedQuery("""
                SELECT command_id, state, attempts, reference, result_json, started_at
                FROM command_ledger WHERE command_id = $1""")
                .execute(Tuple.of(commandId)).await().atMost(DB_TIMEOUT);
        if (rows.rowCount() == 0) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        String json = r.getString("result_json");
        return Optional.of(new LedgerEntry(r.getString("command_id"), r.getString("state"), r.getInteger("attempts"),
                r.getString("reference"), json == null ? null : read(json),
                r.getOffsetDateTime("started_at").toInstant()));
    }

    /** Counts one more attempt at a STARTED command that is being resumed. */
    public void resumed(String commandId) {
        pool.preparedQuery("UPDATE command_ledger SET attempts = attempts + 1 WHERE command_id = $1 AND state = 'STARTED'")
                .execute(Tuple.of(commandId)).await().atMost(DB_TIMEOUT);
    }

    /** Keeps a driver's external reference (SSM command id, new instance id) on the row. */
    public void reference(String commandId, String reference) {
        pool.preparedQuery("UPDATE command_ledger SET reference = $2 WHERE command_id = $1")
                .execute(Tuple.of(commandId, reference)).await().atMost(DB_TIMEOUT);
    }

    /**
     * Stores the outcome of a STARTED command. False when the row was no longer STARTED (another instance finished
     * it first); the stored result then stands.
     */
    public boolean finish(RecoveryResult result) {
        RowSet<Row> rows = pool.preparedQuery("""
                UPDATE command_ledger SET state = $2, result_json = $3, finished_at = $4
                WHERE command_id = $1 AND state = 'STARTED'""")
                .execute(Tuple.of(result.commandId(), result.status().name(), write(result),
                        utc(result.finishedAt())))
                .await().atMost(DB_TIMEOUT);
        return rows.rowCount() == 1;
    }

    /** How many commands are STARTED now (after a crash, those whose records Kafka will deliver again). */
    public long countStarted() {
        return pool.query("SELECT count(*) AS n FROM command_ledger WHERE state = 'STARTED'").execute()
                .await().atMost(DB_TIMEOUT).iterator().next().getLong("n");
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
