package dev.revive.prober.probe;

import java.util.Map;

/**
 * Probe headers as they will go on the wire. A value with CR or LF would split the request (header injection), so
 * such a header is refused rather than sent; the result says which header, so the target's settings get fixed
 * instead of the server being taken for down.
 */
final class HeaderCheck {

    private HeaderCheck() {
    }

    /** Null when every header can be sent as configured, else what is wrong (naming the header, not its value). */
    static String problem(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            if (name == null || name.isEmpty() || !name.chars().allMatch(HeaderCheck::tokenChar)) {
                return "invalid header name '" + Texts.clean(String.valueOf(name), 64)
                        + "': only letters, digits and !#$%&'*+-.^_`|~ are allowed";
            }
            String value = h.getValue() == null ? "" : h.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n') {
                    return "header " + name + " has a line break (CR or LF) in its value: refused (it would split the request)";
                }
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return "header " + name + " has a control character (U+" + String.format("%04X", (int) c)
                            + ") in its value: refused";
                }
            }
        }
        return null;
    }

    /** RFC 9110 tchar. */
    private static boolean tokenChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
