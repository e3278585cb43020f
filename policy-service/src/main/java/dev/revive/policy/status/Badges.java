package dev.revive.policy.status;

/** Flat SVG badges (label on grey, value on a colour), sized from the text's length. */
final class Badges {

    static final String GREEN = "#2e9d4f";
    static final String YELLOW = "#c9a100";
    static final String RED = "#d1342f";
    static final String GREY = "#777777";
    static final String BLUE = "#1f6fb2";

    private Badges() {
    }

    static String color(String state) {
        return switch (state) {
            case "operational" -> GREEN;
            case "degraded" -> YELLOW;
            case "down" -> RED;
            default -> GREY;
        };
    }

    static String svg(String label, String value, String color) {
        int lw = 10 + 7 * label.length();
        int vw = 10 + 7 * value.length();
        String l = escape(label);
        String v = escape(value);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (lw + vw) + "\" height=\"20\" role=\"img\" aria-label=\"" + l + ": " + v
                + "\"><title>" + l + ": " + v + "</title><rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/><rect x=\"" + lw + "\" width=\""
                + vw + "\" height=\"20\" fill=\"" + color + "\"/><g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
                + "<text x=\"5\" y=\"14\">" + l + "</text><text x=\"" + (lw + 5) + "\" y=\"14\">" + v + "</text></g></svg>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
