package dev.revive.prober.drift;

import java.util.List;

import dev.revive.common.contract.ProbeResult.DriftReport;

/**
 * What a new body looks like against a baseline signature.
 *
 * @param changedFraction   share of the new body that is literal (not found among the baseline's blocks); 1 when
 *                          a non-empty baseline became an empty body
 * @param changedRanges     literal byte ranges {@code [start, end)} of the new body, merged and in order
 * @param literalBytes      literal bytes in all
 * @param delta             the first literal bytes as UTF-8, at most maxDeltaBytes of them
 * @param baselineBlocks    blocks in the baseline
 * @param matchedBlocks     baseline blocks found again in the new body
 * @param movedBlocks       matches found at a different offset than in the baseline
 * @param missingFraction   share of the baseline's bytes whose block was not found again (deletions)
 */
public record DriftFinding(double changedFraction, List<long[]> changedRanges, long literalBytes, String delta,
        int baselineBlocks, int matchedBlocks, int movedBlocks, double missingFraction) {

    public DriftFinding {
        changedRanges = List.copyOf(changedRanges);
    }

    /** Over the limit when either the new content or the vanished content exceeds the allowed fraction. */
    public boolean exceeds(double maxChangedFraction) {
        return changedFraction > maxChangedFraction || missingFraction > maxChangedFraction;
    }

    public DriftReport toReport() {
        return new DriftReport(changedFraction, changedRanges, literalBytes, delta);
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "%.1f%% of the body changed (%d literal bytes in %d ranges), "
                + "%d of %d baseline blocks found (%d moved), %.1f%% of the baseline missing",
                changedFraction * 100, literalBytes, changedRanges.size(), matchedBlocks, baselineBlocks, movedBlocks,
                missingFraction * 100);
    }
}
