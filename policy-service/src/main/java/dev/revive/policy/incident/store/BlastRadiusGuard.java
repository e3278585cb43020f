package dev.revive.policy.incident.store;

import java.time.Duration;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.revive.policy.db.Transactions;
import io.smallrye.mutiny.Uni;

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

    private final Transactions tx;
    private final double share;
    private final int minTargets;
    private final Duration window;

    public BlastRadiusGuard(Transactions tx, double share, int minTargets, Duration window) {
        this.tx = tx;
        this.share = share;
        this.minTargets = minTargets;
        this.window = window;
    }

    /**
     * Records a target's DOWN (at the database's clock) and returns the guard after it; {@code trippedNow} only for
     * the DOWN that took it over the share (the moment to tell people, once, across replicas).
     */
    public Uni<State> recordDown(String targetId, int fleetSize) {
        return tx.autocommit(s -> recordDown(s, targetId, fleetSize));
    }

    /** {@link #recordDown(String, int)} in a given session (a test holds it in an open transaction). */
    Uni<State> recordDown(Mutiny.StatelessSession s, String targetId, int fleetSize) {
        return s.createNativeQuery("SELECT recent, tripped_now FROM revive_guard_record(CAST(?1 AS text), "
                + "CAST(?2 AS double precision), CAST(?3 AS double precision), CAST(?4 AS boolean))", Object[].class)
                .setParameter(1, targetId).setParameter(2, (double) window.toMillis())
                .setParameter(3, share * fleetSize).setParameter(4, fleetSize >= minTargets)
                .getSingleResult()
                .map(r -> {
                    int downs = ((Number) r[0]).intValue();
                    return new State(downs, suspect(downs, fleetSize), (Boolean) r[1]);
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
        return tx.read(s -> s.createNativeQuery("SELECT " + recentDownsSql(window), Long.class).getSingleResult())
                .map(Long::intValue);
    }

    public Duration window() {
        return window;
    }
}
