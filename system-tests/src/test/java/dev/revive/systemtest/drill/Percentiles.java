package dev.revive.systemtest.drill;

import java.util.List;

/** Nearest-rank percentiles, as the drill scripts computed them. */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}th percentile of sorted values (nearest rank); NaN for none. */
    static double nearestRank(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int k = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, k)));
    }
}
