package dev.revive.policy.api;

import java.util.List;

import dev.revive.common.validation.Violation;

/** Bounds of the small REST bodies (silences, drills, notes): lengths and no control characters (NUL cannot be stored). */
public final class Bounds {

    /** A target id or a tag named by a silence or a drill. */
    public static final int MAX_ID = 64;
    /** A reason or note a person writes. */
    public static final int MAX_NOTE = 1024;

    private Bounds() {
    }

    /** A one-line value: at most {@code max} characters, no control characters. */
    public static void line(String field, String value, int max, List<Violation> v) {
        check(field, value, max, false, v);
    }

    /** A free text: at most {@code max} characters; tab and line breaks are the only control characters allowed. */
    public static void note(String field, String value, int max, List<Violation> v) {
        check(field, value, max, true, v);
    }

    private static void check(String field, String value, int max, boolean multiline, List<Violation> v) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            v.add(new Violation(field, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(c -> (c < 0x20 || c == 0x7f) && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
            v.add(new Violation(field, multiline ? "must not contain control characters other than tab and line breaks"
                    : "must not contain control characters"));
        }
    }
}
