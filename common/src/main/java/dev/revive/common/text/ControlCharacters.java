package dev.revive.common.text;

/**
 * Cleans text that comes from the outside world (command output, notification requests) before it is stored,
 * rendered or published: control characters are removed, except tab and line feed. A NUL cannot be stored in a
 * PostgreSQL {@code text} column at all, and escape sequences or a carriage return can forge what a terminal or a
 * mail reader shows.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The text without C0 controls (tab and line feed kept), DEL, C1 controls and lone surrogates; null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !drop(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            if (!drop(s, i)) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    /** True when the text has nothing {@link #clean} would remove. */
    public static boolean isClean(String s) {
        return s == null || clean(s).length() == s.length();
    }

    private static boolean drop(String s, int i) {
        char c = s.charAt(i);
        if (c == '\t' || c == '\n') {
            return false;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
