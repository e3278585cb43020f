package dev.revive.systemtest.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.revive.systemtest.stack.BreakHeal;

/**
 * The fault drill's table, printed at the end as {@code deploy/local/fault-drill} printed it: per scenario the runs,
 * how many completed, duplicate actions, runs whose restart count was not 1, duplicate and lost emails, the same
 * kind mailed twice, and the time to resolve (printed, never asserted).
 */
final class DrillReport {

    private final Map<String, List<BreakHeal.Outcome>> runs = new LinkedHashMap<>();

    synchronized void add(String scenario, BreakHeal.Outcome o) {
        runs.computeIfAbsent(scenario, k -> new ArrayList<>()).add(o);
    }

    synchronized String table() {
        StringBuilder b = new StringBuilder(String.format("%n%-18s %5s %9s %10s %9s %10s %8s %9s %8s %8s%n", "scenario",
                "runs", "completed", "dup action", "starts!=1", "dup email", "lost", "same kind", "ttr p50", "ttr max"));
        runs.forEach((scenario, list) -> {
            List<Double> ttr = list.stream().map(o -> o.incident() == null ? null : o.incident().first("resolved.v1")
                    .map(at -> Duration.between(o.brokeAt(), at).toMillis() / 1000.0).orElse(null))
                    .filter(java.util.Objects::nonNull).sorted().toList();
            b.append(String.format("%-18s %5d %9d %10d %9d %10d %8d %9d %8s %8s%n", scenario, list.size(),
                    list.stream().filter(o -> "RESOLVED".equals(o.phase())).count(),
                    list.stream().mapToLong(o -> Math.max(0, o.ledger().size() - 1) + Math.max(0, o.restartCommands() - 1)).sum(),
                    list.stream().filter(o -> o.demoRestarts() != 1).count(),
                    list.stream().mapToLong(o -> o.perNotificationId().values().stream().mapToLong(n -> n - 1).sum()).sum(),
                    list.stream().mapToLong(o -> BreakHeal.EXPECTED_KINDS.stream().filter(k -> !o.kinds().containsKey(k)).count()).sum(),
                    list.stream().mapToLong(o -> o.kinds().values().stream().mapToLong(n -> n - 1).sum()
                            - o.perNotificationId().values().stream().mapToLong(n -> n - 1).sum()).sum(),
                    ttr.isEmpty() ? "-" : String.format("%.1fs", Percentiles.nearestRank(ttr, 50)),
                    ttr.isEmpty() ? "-" : String.format("%.1fs", ttr.get(ttr.size() - 1))));
        });
        return b.toString();
    }
}
