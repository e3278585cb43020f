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
 * {@code blast_guard_downs} in PostgreSQL): each replica sees only the DOWNs of its own {@code revive.health}
 * partitions, so with the memory in each instance two replicas could each stay under the share while together they
 * were over it, and both act. Recording a DOWN and reading the guard after it is one statement
 * ({@code revive_guard_record}, V12_4) that takes the guard row's lock first, so two replicas recording at once
 * serialize and the second counts the first's DOWN; the count is kept in that row, so a DOWN costs no scan.
 */
public final class BlastRadiusGuard {

    /** The guard after a DOWN was recorded: how many targets are down within the window, and what that means. */
    public record State(int recentDowns, boolean suspect, boolean trippedNow) {
    }

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
        return client.preparedQuery("SELECT recent, tripped_now FROM revive_guard_record(CAST($1 AS text), "
                + "CAST($2 AS double precision), CAST($3 AS double precision), CAST($4 AS boolean))")
                .execute(Tuple.of(targetId, (double) window.toMillis(), share * fleetSize, fleetSize >= minTargets))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    int downs = r.getInteger("recent");
                    return new State(downs, suspect(downs, fleetSize), r.getBoolean("tripped_now"));
                });
    }

    /** Whether actions should be held, given the DOWNs within the window (as {@link #recentDownsSql} counts them). */
    public boolean suspect(int recentDowns, int fleetSize) {
        return fleetSize >= minTargets && recentDowns > share * fleetSize;
    }

    /** A scalar subquery counting the DOWNs within the window, for a decision's context statement. */
    public static String recentDownsSql(Duration window) {
        return "(SELECT count(*) FROM blast_guard_downs d WHERE d.at >= now() - interval '" + window.toMillis() + " milliseconds')";
    }

    /** The DOWNs within the window now, across replicas (what a drill checks before it acts). */
    public Uni<Integer> recentDowns() {
        return pool.query("SELECT " + recentDownsSql(window)).execute()
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    public Duration window() {
        return window;
    }
}
