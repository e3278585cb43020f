package dev.revive.policy.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;

/**
 * Which probe results detection may count, as a pure function of the result, the target and the policy's clock.
 * Anyone who can write {@code revive.health} could otherwise open incidents (and sign restarts) for healthy targets
 * from invented locations, or keep a forged location in the quorum with a start time far in the future (the window
 * is measured in probe start times).
 *
 * <ul>
 * <li>the location must be known: one the target names in its {@code locations}, or, when it names none, one of
 * the service's configured locations ({@code revive.detection.locations});
 * <li>{@code startedAt} must be set and no later than the policy's clock plus the allowed skew. Old results are
 * not refused: a consumer catching up after a restart reads them legitimately, and the window already discounts
 * them.
 * <li>a signal (an alert of another tool, {@code errorClass} SIGNAL) must come from a source the target's
 * {@code detection.signals} names.
 * </ul>
 */
public final class ResultTrust {

    /** Why a result does not count; {@link #tag()} is the metric tag. */
    public enum Kind {
        UNKNOWN_LOCATION("unknown-location"), CLOCK_SKEW("clock-skew");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** A refused result: the kind and a reason for the dead letter. */
    public record Rejection(Kind kind, String reason) {
    }

    private final Set<String> known;
    private final Duration maxSkew;

    public ResultTrust(List<String> known, Duration maxSkew) {
        this.known = Set.copyOf(known);
        this.maxSkew = maxSkew;
    }

    /** Null when the result may count; else why not. */
    public Rejection check(ProbeResult r, TargetSpec spec, Instant now) {
        String loc = r.location();
        if (r.errorClass() == ProbeResult.ErrorClass.SIGNAL) {
            // An alert of another tool: only from a source the target takes signals from.
            List<String> signals = spec.detection().effectiveSignals();
            if (loc == null || !signals.contains(loc)) {
                return new Rejection(Kind.UNKNOWN_LOCATION, "signal source '" + loc + "' is not one target " + r.targetId()
                        + " takes (its detection.signals: " + signals + ")");
            }
            return r.startedAt() == null ? new Rejection(Kind.CLOCK_SKEW, "startedAt is required") : null;
        }
        List<String> named = spec.locations();
        boolean ok = loc != null && (named.isEmpty() ? known.contains(loc) : named.contains(loc));
        if (!ok) {
            return new Rejection(Kind.UNKNOWN_LOCATION, "location '" + loc + "' is not a known location of target "
                    + r.targetId() + " (known: " + (named.isEmpty() ? "revive.detection.locations " + known : "its spec's " + named)
                    + ")");
        }
        if (r.startedAt() == null) {
            return new Rejection(Kind.CLOCK_SKEW, "startedAt is required");
        }
        if (r.startedAt().isAfter(now.plus(maxSkew))) {
            return new Rejection(Kind.CLOCK_SKEW, "startedAt " + r.startedAt() + " is more than " + maxSkew
                    + " ahead of the policy's clock (" + now + ")");
        }
        return null;
    }
}
