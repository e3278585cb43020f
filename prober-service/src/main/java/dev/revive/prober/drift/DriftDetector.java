package dev.revive.prober.drift;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import dev.revive.prober.drift.BlockSignatures.Block;

/**
 * The rsync matching pass: slide the weak checksum over a new body one byte at a time; where it names a baseline
 * block and the strong hash agrees, that block is found (at any offset, so insertions, deletions and moved blocks
 * cost nothing) and the window jumps past it. Whatever is never covered by a found block is literal: the changed
 * ranges, and (bounded) the delta that travels in the result. Pure and thread-safe.
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    public static DriftFinding compare(BlockSignatures sig, byte[] body, int maxDeltaBytes) {
        int l = sig.blockSize();
        int m = body.length;
        MessageDigest md = BlockSignatures.md5();
        BitSet matched = new BitSet(sig.blockCount());
        List<long[]> ranges = new ArrayList<>();
        ByteArrayOutputStream delta = new ByteArrayOutputStream(Math.min(maxDeltaBytes, 4096));
        long[] literal = {0};
        int moved = 0;

        int i = 0;
        int litStart = 0;
        RollingChecksum rc = new RollingChecksum();
        boolean fresh = true;
        while (i + l <= m) {
            if (fresh) {
                rc.reset(body, i, l);
                fresh = false;
            }
            Block hit = find(sig.fullBlocksWithWeak(rc.value()), md, body, i, l, matched);
            if (hit != null) {
                literal(body, litStart, i, ranges, delta, maxDeltaBytes, literal);
                matched.set(hit.index());
                if (hit.offset() != i) {
                    moved++;
                }
                i += l;
                litStart = i;
                fresh = true;
            } else {
                if (i + l < m) {
                    rc.roll(body[i], body[i + l]);
                }
                i++;
            }
        }
        // The baseline's last block may be shorter than blockSize: it can only match at the very end of the body.
        Block tail = sig.shortTail();
        int end = m;
        if (tail != null && m - litStart >= tail.length()) {
            int from = m - tail.length();
            if (RollingChecksum.of(body, from, tail.length()) == tail.weak()
                    && BlockSignatures.sameStrong(tail.strong(), BlockSignatures.strong(md, body, from, tail.length()))) {
                matched.set(tail.index());
                if (tail.offset() != from) {
                    moved++;
                }
                end = from;
            }
        }
        literal(body, litStart, end, ranges, delta, maxDeltaBytes, literal);

        long missing = 0;
        for (Block b : sig.blocks()) {
            if (!matched.get(b.index())) {
                missing += b.length();
            }
        }
        int n = sig.baselineLength();
        double changed = m == 0 ? (n == 0 ? 0.0 : 1.0) : (double) literal[0] / m;
        double missingFraction = n == 0 ? 0.0 : (double) missing / n;
        return new DriftFinding(changed, ranges, literal[0], delta.toString(StandardCharsets.UTF_8), sig.blockCount(),
                matched.cardinality(), moved, missingFraction);
    }

    /** A block with this weak checksum whose strong hash agrees; an unmatched one first (repeated content). */
    private static Block find(List<Block> candidates, MessageDigest md, byte[] body, int from, int len, BitSet matched) {
        if (candidates == null) {
            return null;
        }
        byte[] strong = BlockSignatures.strong(md, body, from, len);
        Block any = null;
        for (Block b : candidates) {
            if (BlockSignatures.sameStrong(b.strong(), strong)) {
                if (!matched.get(b.index())) {
                    return b;
                }
                any = any == null ? b : any;
            }
        }
        return any;
    }

    private static void literal(byte[] body, int from, int to, List<long[]> ranges, ByteArrayOutputStream delta,
            int maxDeltaBytes, long[] literal) {
        if (to <= from) {
            return;
        }
        ranges.add(new long[] {from, to});
        literal[0] += to - from;
        int room = maxDeltaBytes - delta.size();
        if (room > 0) {
            delta.write(body, from, Math.min(room, to - from));
        }
    }
}
