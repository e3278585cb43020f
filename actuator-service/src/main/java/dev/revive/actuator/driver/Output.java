package dev.revive.actuator.driver;

/** Keeps results small: command output is cut to a configured length, with a note of what was cut. */
public final class Output {

    private Output() {
    }

    public static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "\n[... " + (text.length() - maxChars) + " more characters truncated]";
    }
}
