package dev.revive.policy.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class MinuteRollupsTest {

    static final long T0 = 1_800_000_000_000L - Math.floorMod(1_800_000_000_000L, 60_000L); // a minute's start

    @Test
    void results_fold_into_one_row_per_target_location_and_minute() {
        MinuteRollups m = new MinuteRollups();
        m.record("a", "eu", T0 + 1_000, true, 10);
        m.record("a", "eu", T0 + 31_000, false, 30);
        m.record("a", "us", T0 + 2_000, true, 20);
        m.record("a", "eu", T0 + 61_000, true, 40); // the next minute
        m.record("b", "eu", T0 + 5_000, true, 5);
        List<MinuteRollups.Row> rows = m.drain(T0 + 60_000);
        assertThat(rows).hasSize(3);
        MinuteRollups.Row aEu = rows.stream().filter(r -> r.targetId().equals("a") && r.location().equals("eu")).findFirst().orElseThrow();
        assertThat(aEu.minuteEpochMs()).isEqualTo(T0);
        assertThat(aEu.probes()).isEqualTo(2);
        assertThat(aEu.failures()).isEqualTo(1);
        assertThat(aEu.latencySumMs()).isEqualTo(40);
        assertThat(aEu.maxMs()).isEqualTo(30);
        assertThat(m.size()).as("the open minute stays").isEqualTo(1);
        assertThat(m.drain(Long.MAX_VALUE)).singleElement().satisfies(r -> assertThat(r.minuteEpochMs()).isEqualTo(T0 + 60_000));
        assertThat(m.size()).isZero();
    }

    @Test
    void a_result_racing_a_drain_is_counted_exactly_once() throws Exception {
        MinuteRollups m = new MinuteRollups();
        int threads = 4;
        int each = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    m.record("t" + (i % 10), "eu", T0 + (i % 60) * 1_000, i % 7 != 0, 1);
                }
            });
            w.start();
            writers.add(w);
        }
        List<MinuteRollups.Row> drained = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread drainer = new Thread(() -> {
            while (!done.get()) {
                drained.addAll(m.drain(Long.MAX_VALUE));
            }
        });
        drainer.start();
        start.countDown();
        for (Thread w : writers) {
            w.join();
        }
        done.set(true);
        drainer.join();
        drained.addAll(m.drain(Long.MAX_VALUE));
        long probes = drained.stream().mapToLong(MinuteRollups.Row::probes).sum();
        long failures = drained.stream().mapToLong(MinuteRollups.Row::failures).sum();
        assertThat(probes).isEqualTo((long) threads * each);
        long perThread = java.util.stream.IntStream.range(0, each).filter(i -> i % 7 == 0).count();
        assertThat(failures).isEqualTo(threads * perThread);
    }
}
