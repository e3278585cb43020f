package dev.revive.prober.hostagent;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parser of Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}: counts connections per TCP state for a set of
 * local ports. Pure: lines in, counts out. The header line and malformed lines are skipped (and counted).
 */
public final class ProcNetTcp {

    /** Kernel state codes (include/net/tcp_states.h). */
    private static final String[] STATES = {null, "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
            "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};

    /** Counts by port then state, and how many lines could not be read. */
    public record Counts(Map<Integer, Map<String, Integer>> byPort, int malformed) {
    }

    private ProcNetTcp() {
    }

    /** The state name of a hex code, e.g. {@code "01"} → ESTABLISHED; null if unknown. */
    public static String stateName(String hex) {
        try {
            int code = Integer.parseInt(hex, 16);
            return code > 0 && code < STATES.length ? STATES[code] : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Counts count(List<String> lines, Set<Integer> ports) {
        Map<Integer, Map<String, Integer>> out = new TreeMap<>();
        for (int p : ports) {
            out.put(p, new TreeMap<>());
        }
        int malformed = 0;
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("sl")) {
                continue;
            }
            String[] f = t.split("\\s+");
            // f[0] "0:", f[1] local "ADDR:PORT", f[2] remote, f[3] state
            if (f.length < 4 || !f[0].endsWith(":")) {
                malformed++;
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            String addr = colon < 0 ? "" : f[1].substring(0, colon);
            if (colon < 0 || (addr.length() != 8 && addr.length() != 32) || f[1].length() - colon - 1 != 4) {
                malformed++;
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(f[1].substring(colon + 1), 16);
            } catch (NumberFormatException e) {
                malformed++;
                continue;
            }
            String state = stateName(f[3]);
            if (state == null) {
                malformed++;
                continue;
            }
            Map<String, Integer> m = out.get(port);
            if (m != null) {
                m.merge(state, 1, Integer::sum);
            }
        }
        return new Counts(out, malformed);
    }
}
