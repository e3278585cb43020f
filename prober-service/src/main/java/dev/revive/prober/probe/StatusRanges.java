package dev.revive.prober.probe;

import java.util.List;

/** Expected HTTP statuses, from the spec's {@code "200-399"} / {@code "204"} strings. */
public record StatusRanges(int[] lows, int[] highs) {

    public static StatusRanges parse(List<String> specs) {
        int[] lo = new int[specs.size()];
        int[] hi = new int[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            String s = specs.get(i).trim();
            int dash = s.indexOf('-');
            lo[i] = Integer.parseInt(dash < 0 ? s : s.substring(0, dash).trim());
            hi[i] = dash < 0 ? lo[i] : Integer.parseInt(s.substring(dash + 1).trim());
        }
        return new StatusRanges(lo, hi);
    }

    public boolean accepts(int status) {
        for (int i = 0; i < lows.length; i++) {
            if (status >= lows[i] && status <= highs[i]) {
                return true;
            }
        }
        return false;
    }
}
