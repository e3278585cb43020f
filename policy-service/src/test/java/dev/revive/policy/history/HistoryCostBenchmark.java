package dev.revive.policy.history;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;

/**
 * Benchmark harness, not a behaviour test: prints figures, asserts nothing about them. What the health history adds
 * to each accepted result (heartbeat ring + minute rollup) for 100,000 targets, one location, results spread as 30 s
 * probes are: ns per result on one thread, and the heap the in-memory state holds for one minute.
 * {@code ./mvnw -B -o -pl policy-service -am test -Pbench -Dtest=HistoryCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("bench")
class HistoryCostBenchmark {

    static final int TARGETS = 100_000;

    @Test
    void cost_per_result_and_memory_for_a_hundred_thousand_targets() {
        ProbeResult[] results = new ProbeResult[TARGETS];
        long minute = 1_800_000_000_000L / 60_000 * 60_000;
        for (int i = 0; i < TARGETS; i++) {
            results[i] = new ProbeResult("r" + i, "bench-" + i, "eu-west-1", "p", i, Instant.ofEpochMilli(minute + (i % 60_000)), 12_000 + i % 5_000,
                    i % 100 == 0 ? Outcome.DOWN : Outcome.UP, i % 100 == 0 ? ErrorClass.TIMEOUT : ErrorClass.NONE, 200, 40, null, null, null);
        }
        for (int round = 1; round <= 5; round++) {
            RecentResults recent = new RecentResults();
            MinuteRollups rollups = new MinuteRollups();
            System.gc();
            long heap0 = used();
            long t0 = System.nanoTime();
            for (int pass = 0; pass < 2; pass++) { // two results per target: one minute at 30 s
                for (ProbeResult r : results) {
                    recent.record(r);
                    rollups.record(r.targetId(), r.location(), r.startedAt().toEpochMilli(), r.up(), (int) (r.durationMicros() / 1000));
                }
            }
            long ns = System.nanoTime() - t0;
            System.gc();
            long heap = used() - heap0;
            long d0 = System.nanoTime();
            int rows = rollups.drain(Long.MAX_VALUE).size();
            long drain = System.nanoTime() - d0;
            System.out.printf("[bench] history per result, round %d: %.0f ns (%d results, %d targets); in memory after one minute: "
                    + "%.0f MB (rings + open rollups), drain of %d rows %.0f ms%n", round, (double) ns / (2 * TARGETS), 2 * TARGETS, TARGETS,
                    heap / 1e6, rows, drain / 1e6);
        }
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
