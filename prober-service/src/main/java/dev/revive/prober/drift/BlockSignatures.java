package dev.revive.prober.drift;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rsync signature of a baseline body: per fixed-size block a weak rolling checksum and a strong hash (MD5, as
 * rsync uses: collision resistance against an attacker is not the point, telling blocks apart is). Only the
 * signatures are needed to compare a later body; the baseline bytes themselves are not kept.
 */
public final class BlockSignatures {

    /** One block of the baseline. */
    record Block(int index, int offset, int length, int weak, byte[] strong) {
    }

    private final int blockSize;
    private final int baselineLength;
    private final List<Block> blocks;
    private final Map<Integer, List<Block>> fullBlocksByWeak;
    private final Block shortTail;

    private BlockSignatures(int blockSize, int baselineLength, List<Block> blocks) {
        this.blockSize = blockSize;
        this.baselineLength = baselineLength;
        this.blocks = List.copyOf(blocks);
        this.fullBlocksByWeak = new HashMap<>();
        Block tail = null;
        for (Block b : blocks) {
            if (b.length() == blockSize) {
                fullBlocksByWeak.computeIfAbsent(b.weak(), k -> new ArrayList<>(1)).add(b);
            } else {
                tail = b;
            }
        }
        this.shortTail = tail;
    }

    /** Signs a baseline body with blocks of {@code blockSize} bytes (the last one may be shorter). */
    public static BlockSignatures of(byte[] baseline, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be positive");
        }
        List<Block> blocks = new ArrayList<>();
        MessageDigest md = md5();
        for (int off = 0, i = 0; off < baseline.length; off += blockSize, i++) {
            int len = Math.min(blockSize, baseline.length - off);
            blocks.add(new Block(i, off, len, RollingChecksum.of(baseline, off, len), strong(md, baseline, off, len)));
        }
        return new BlockSignatures(blockSize, baseline.length, blocks);
    }

    /** Bytes per block in {@link #encode()}: the weak checksum (4, big-endian) then the MD5 (16). */
    public static final int ENCODED_BLOCK_BYTES = 20;

    /** The signatures alone, block after block, for storing (see {@link #decode}). */
    public byte[] encode() {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(blocks.size() * ENCODED_BLOCK_BYTES);
        for (Block b : blocks) {
            out.putInt(b.weak()).put(b.strong());
        }
        return out.array();
    }

    /** Signatures read back from {@link #encode()} with the block size and body length they were taken with. */
    public static BlockSignatures decode(int blockSize, int baselineLength, byte[] encoded) {
        if (blockSize < 1 || baselineLength < 0) {
            throw new IllegalArgumentException("bad block size " + blockSize + " or length " + baselineLength);
        }
        int count = (int) ((baselineLength + (long) blockSize - 1) / blockSize);
        if (encoded.length != count * ENCODED_BLOCK_BYTES) {
            throw new IllegalArgumentException("expected " + count + " block signatures, got " + encoded.length + " bytes");
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(encoded);
        List<Block> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int off = i * blockSize;
            int weak = in.getInt();
            byte[] strong = new byte[16];
            in.get(strong);
            blocks.add(new Block(i, off, Math.min(blockSize, baselineLength - off), weak, strong));
        }
        return new BlockSignatures(blockSize, baselineLength, blocks);
    }

    public int blockSize() {
        return blockSize;
    }

    public int baselineLength() {
        return baselineLength;
    }

    public int blockCount() {
        return blocks.size();
    }

    List<Block> blocks() {
        return blocks;
    }

    List<Block> fullBlocksWithWeak(int weak) {
        return fullBlocksByWeak.get(weak);
    }

    Block shortTail() {
        return shortTail;
    }

    static byte[] strong(MessageDigest md, byte[] data, int from, int len) {
        md.reset();
        md.update(data, from, len);
        return md.digest();
    }

    static boolean sameStrong(byte[] x, byte[] y) {
        return Arrays.equals(x, y);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
