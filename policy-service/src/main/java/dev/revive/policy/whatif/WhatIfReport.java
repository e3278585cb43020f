package dev.revive.policy.whatif;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.revive.policy.whatif.WhatIfSimulator.Incident;

/**
 * The answer of a what-if: what the spec would have done over the target's recorded results, beside what did happen.
 *
 * @param targetId       the target
 * @param spec           {@code current} (the registered spec) or {@code edited} (the one given)
 * @param window         the time range asked for
 * @param results        the target's results read from {@code revive.health} in the window
 * @param counted        those detection counted (the others were duplicates or refused by the trust rule)
 * @param unreadable     the target's records that could not be decoded
 * @param truncated      true when the read stopped early (bounds): the replay covers {@code from} to {@code replayedUntil}
 * @param truncatedBy    which bound stopped it (null when not truncated)
 * @param replayedUntil  how far the replay went: {@code to}, or the last record read when truncated
 * @param wouldHave      the incidents the spec would have opened, with the steps it would have started
 * @param did            the target's real incidents that overlap the window, with the steps they started
 * @param assumptions    what the replay assumes and what it does not apply
 */
public record WhatIfReport(String targetId, String spec, Window window, int results, int counted, int unreadable,
        boolean truncated, String truncatedBy, Instant replayedUntil, List<Incident> wouldHave, List<Map<String, Object>> did,
        List<String> assumptions) {

    /** The time range replayed: the last N hours before the request. */
    public record Window(Instant from, Instant to) {
    }
}
