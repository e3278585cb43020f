package dev.revive.policy.history;

import java.util.ArrayList;
import java.util.List;

/** Synthetic minute rows for the rollup write benchmark. */
public final class HistoryStoreRows {

    private HistoryStoreRows() {
    }

    public static List<MinuteRollups.Row> minute(int targets, long minuteEpochMs) {
        List<MinuteRollups.Row> out = new ArrayList<>(targets);
        for (int i = 0; i < targets; i++) {
            out.add(new MinuteRollups.Row("bench-" + i, "eu-west-1", minuteEpochMs, 2, i % 100 == 0 ? 1 : 0, 24, 12, 14, 14));
        }
        return out;
    }
}
