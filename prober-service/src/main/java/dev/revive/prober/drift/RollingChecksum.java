package dev.revive.prober.drift;

/**
 * The rsync weak checksum (Adler-32 style, two 16-bit sums) over a window of fixed length, which can slide one byte
 * at a time in O(1): {@code a = Σ x_i}, {@code b = Σ (len - i) x_i}, both mod 2^16, value {@code a | b << 16}.
 */
final class RollingChecksum {

    private static final int MOD_MASK = 0xffff;

    private int a;
    private int b;
    private int length;

    /** Starts over on {@code data[from, from + len)}. */
    void reset(byte[] data, int from, int len) {
        int sa = 0;
        int sb = 0;
        for (int i = 0; i < len; i++) {
            int x = data[from + i] & 0xff;
            sa += x;
            sb += (len - i) * x;
        }
        a = sa & MOD_MASK;
        b = sb & MOD_MASK;
        length = len;
    }

    /** Slides the window one byte: {@code out} leaves on the left, {@code in} enters on the right. */
    void roll(byte out, byte in) {
        int o = out & 0xff;
        a = (a - o + (in & 0xff)) & MOD_MASK;
        b = (b - length * o + a) & MOD_MASK;
    }

    int value() {
        return a | (b << 16);
    }

    /** The checksum of {@code data[from, from + len)} computed from scratch. */
    static int of(byte[] data, int from, int len) {
        RollingChecksum c = new RollingChecksum();
        c.reset(data, from, len);
        return c.value();
    }
}
