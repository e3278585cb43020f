package dev.revive.common.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One probe of one target from one location. Published on {@code revive.health}.
 *
 * @param id             unique id (also the envelope's {@code ce_id}); consumers deduplicate on it
 * @param targetId       the target
 * @param location       where the probe ran
 * @param proberId       which prober instance ran it
 * @param seq            per prober and target, increasing
 * @param startedAt      when the probe started
 * @param durationMicros how long it took
 * @param outcome        UP or DOWN
 * @param errorClass     why it failed ({@link ErrorClass#NONE} when UP)
 * @param statusCode     HTTP status, when there was one
 * @param tlsDaysLeft    days until the server certificate expires (HTTPS)
 * @param address        the address actually probed (resolved IP:port), so a re-provisioned target's original
 *                       instance can still be told apart
 * @param drift          content-drift findings, for drift probes
 * @param detail         a short human-readable explanation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeResult(
        String id,
        String targetId,
        String location,
        String proberId,
        long seq,
        Instant startedAt,
        long durationMicros,
        Outcome outcome,
        ErrorClass errorClass,
        Integer statusCode,
        Integer tlsDaysLeft,
        String address,
        DriftReport drift,
        String detail) {

    public enum Outcome { UP, DOWN }

    /**
     * Why a probe failed. {@code ADDRESS_REFUSED}, {@code INVALID_HEADER} and {@code INVALID_PATTERN} say the prober
     * refused to probe as configured (a link-local, loopback or private address it may not reach; a header value it
     * cannot send; a body pattern RE2 cannot run): the target's settings are at fault, not the server.
     */
    public enum ErrorClass {
        NONE, DNS, CONNECTION_REFUSED, TIMEOUT, TLS, UNEXPECTED_STATUS, BODY_MISMATCH, CONTENT_DRIFT, IO, DRILL,
        ADDRESS_REFUSED, INVALID_HEADER, INVALID_PATTERN,
        /** Not a probe: an alert of another monitoring tool (e.g. Alertmanager) firing for the target. */
        SIGNAL
    }

    public boolean up() {
        return outcome == Outcome.UP;
    }

    /**
     * What changed against the baseline.
     *
     * @param changedFraction share of the new body not covered by baseline blocks (0..1)
     * @param changedRanges   byte ranges {@code [start, end)} of the new body that are literal (changed)
     * @param literalBytes    how many literal bytes there were in all
     * @param delta           the first literal bytes (UTF-8, bounded by the target's maxDeltaBytes)
     */
    public record DriftReport(double changedFraction, List<long[]> changedRanges, long literalBytes, String delta) {
    }
}
