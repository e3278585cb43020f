package dev.revive.actuator.driver;

import dev.revive.common.text.ControlCharacters;

/**
 * Keeps results small and safe to show: command output is cut to a configured length, with a note of what was cut,
 * and control characters other than tab and line feed are removed (a NUL cannot be stored as text; escape sequences
 * would play tricks on a terminal).
 */
public final class Output {

    private Output() {
    }

    public static String truncate(String text, int maxChars) {
        String clean = ControlCharacters.clean(text);
        if (clean == null || clean.length() <= maxChars) {
            return clean;
        }
        return clean.substring(0, maxChars) + "\n[... " + (clean.length() - maxChars) + " more characters truncated]";
    }
}
