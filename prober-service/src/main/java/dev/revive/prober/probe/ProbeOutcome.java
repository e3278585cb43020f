package dev.revive.prober.probe;

import dev.revive.common.contract.ProbeResult.ErrorClass;

/**
 * What one network probe found, before it becomes a {@link dev.revive.common.contract.ProbeResult} (which adds
 * identity, location, sequence and drift).
 *
 * @param errorClass     {@link ErrorClass#NONE} when every check passed
 * @param statusCode     HTTP status, null when none was received
 * @param tlsDaysLeft    days until the server certificate expires, null for plain connections
 * @param address        resolved IP:port actually connected to, or the configured host:port when no connection
 * @param body           the body read (only when a body check or drift needs it), else null
 * @param durationMicros from start to the verdict
 * @param detail         short human-readable explanation
 */
public record ProbeOutcome(ErrorClass errorClass, Integer statusCode, Integer tlsDaysLeft, String address, byte[] body,
        long durationMicros, String detail) {

    public boolean up() {
        return errorClass == ErrorClass.NONE;
    }

    public ProbeOutcome withVerdict(ErrorClass e, String why) {
        return new ProbeOutcome(e, statusCode, tlsDaysLeft, address, body, durationMicros, why);
    }
}
