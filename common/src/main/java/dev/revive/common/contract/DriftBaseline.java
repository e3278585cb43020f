package dev.revive.common.contract;

import java.time.Instant;

/**
 * The drift baseline of one target as seen from one location: the rsync block signatures of the body taken when the
 * baseline was armed (never the body itself). Published on the compacted {@code revive.baselines} topic, keyed
 * {@code <targetId>@<location>}, by the prober that armed it; a prober reads the baselines of its location on start
 * and after a takeover, so a restart or a moved target keeps comparing against the same baseline. A tombstone drops
 * it (target deleted, or baseline re-armed).
 *
 * @param targetId   the target
 * @param location   the probing location whose baseline this is
 * @param proberId   the prober instance that armed it
 * @param url        the URL whose body was signed
 * @param blockSize  bytes per block
 * @param length     length of the signed body in bytes
 * @param signatures per block in order: the 32-bit weak rolling checksum (big-endian) then the 16-byte MD5, base64
 * @param armedAt    when the baseline was taken
 */
public record DriftBaseline(String targetId, String location, String proberId, String url, int blockSize, int length,
        String signatures, Instant armedAt) {

    /** The record key on {@code revive.baselines}. */
    public static String key(String targetId, String location) {
        return targetId + "@" + location;
    }
}
