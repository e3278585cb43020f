package dev.revive.policy.detection;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Fleet-wide guard: when more than a share of the known targets went DOWN within a short window, the likely cause
 * is the probers' own network, so actions are held. Its memory is shared by every replica (table
 * {@code blast_guard} in PostgreSQL): each replica sees only the DOWNs of its own {@code revive.health} partitions,
 * so with the memory in each instance two replicas could each stay under the share while together they were over
 * it, and both act. Recording a DOWN and reading the guard after it is one UPDATE of one row, so two replicas
 * recording at once serialize on it and the second counts the first's DOWN (see V12_4).
 */
public final class BlastRadiusGuard {

    /** The guard after a DOWN was recorded: how many targets are down within the window, and what that means. */
    public record State(int recentDowns, boolean suspect, boolean trippedNow) {
    }

    private static final String NOW_MS = "extract(epoch from clock_timestamp()) * 1000";

    private final Pool pool;
    private final double share;
    private final int minTargets;
    private final Duration window;

    public BlastRadiusGuard(Pool pool, double share, int minTargets, Duration window) {
        this.pool = pool;
        this.share = share;
        this.minTargets = minTargets;
        this.window = window;
    }

    /**
     * Records a target's DOWN (at the database's clock) and returns the guard after it; {@code trippedNow} only for
     * the DOWN that took it over the share (the moment to tell people, once, across replicas).
     */
    public Uni<State> recordDown(String targetId, int fleetSize) {
        return recordDown(pool, targetId, fleetSize);
    }

    /** {@link #recordDown(String, int)} on a given connection (a test holds it in an open transaction). */
    Uni<State> recordDown(SqlClient client, String targetId, int fleetSize) {
        String fresh = "revive_guard_downs(downs, CAST($1 AS text), " + NOW_MS + ", CAST($2 AS double precision))";
        String before = "revive_guard_downs(downs, NULL, " + NOW_MS + ", CAST($2 AS double precision))";
        String over = "(SELECT count(*) FROM jsonb_object_keys(%s)) > CAST($3 AS double precision) AND CAST($4 AS boolean)";
        return client.preparedQuery("UPDATE blast_guard SET downs = " + fresh + ", tripped_now = (" + over.formatted(fresh)
                + ") AND NOT (" + over.formatted(before) + ") WHERE id = 1 "
                + "RETURNING (SELECT count(*) FROM jsonb_object_keys(downs)) AS downs, tripped_now")
                .execute(Tuple.of(targetId, (double) window.toMillis(), share * fleetSize, fleetSize >= minTargets))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    int downs = r.getInteger("downs");
                    return new State(downs, suspect(downs, fleetSize), r.getBoolean("tripped_now"));
                });
    }

    /** Whether actions should be held, given the DOWNs within the window (as {@link #recentDownsSql} counts them). */
    public boolean suspect(int recentDowns, int fleetSize) {
        return fleetSize >= minTargets && recentDowns > share * fleetSize;
    }

    /** A scalar subquery counting the DOWNs within the window, for a decision's context statement. */
    public static String recentDownsSql(Duration window) {
        return "(SELECT count(*) FROM blast_guard g, jsonb_each(g.downs) d WHERE CAST(CAST(d.value AS text) AS double precision) >= "
                + NOW_MS + " - " + window.toMillis() + ")";
    }

    public Duration window() {
        return window;
    }
}
