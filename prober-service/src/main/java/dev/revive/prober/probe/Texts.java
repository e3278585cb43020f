package dev.revive.prober.probe;

/**
 * Text from the outside world (a server's answer, an exception's message, a certificate) on its way into a published
 * result. NUL and other control characters are dropped (tab and newline kept): a NUL in a result made the policy's
 * jsonb insert fail and the DOWN was dead-lettered instead of opening an incident. An unpaired surrogate (a cut in
 * the middle of a character) is dropped too: jsonb refuses it as well.
 */
public final class Texts {

    private Texts() {
    }

    /** The text without control characters other than tab and newline (CR becomes nothing), at most max chars. */
    public static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        int n = Math.min(s.length(), max);
        StringBuilder b = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (control(c) || Character.isSurrogate(c) && !paired) {
                if (b == null) {
                    b = new StringBuilder(n).append(s, 0, i);
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        if (b == null) {
            return n == s.length() ? s : s.substring(0, n);
        }
        return b.toString();
    }

    /** Without control characters, any length. */
    public static String clean(String s) {
        return clean(s, Integer.MAX_VALUE);
    }

    private static boolean control(char c) {
        return c != '\t' && c != '\n' && (c < 0x20 || c >= 0x7f && c <= 0x9f);
    }
}
