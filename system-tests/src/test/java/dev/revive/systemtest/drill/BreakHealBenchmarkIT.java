package dev.revive.systemtest.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.revive.systemtest.stack.BreakHeal;
import dev.revive.systemtest.stack.DemoTarget;
import dev.revive.systemtest.stack.Mailbox;
import dev.revive.systemtest.stack.Stack;
import dev.revive.systemtest.stack.StackExtension;

/**
 * The break/heal benchmark ({@code -Pdrills}): kills the demo server {@code -Dbench.runs} times (default 20) with
 * the demo registered at a 1 s probe interval, threshold 1 and zero grace, and prints, from each kill, when the
 * incident was opened, the admin notified, the restart executed, the incident resolved and the resolved email
 * saved, as p50/p99/max per stage. The services run with the full JIT. Prints figures; asserts only that every
 * run healed (a run that did not has no figures).
 */
@Tag("benchmark")
@StackExtension.FullJit
@ExtendWith(StackExtension.class)
class BreakHealBenchmarkIT {

    static final int RUNS = Integer.getInteger("bench.runs", 20);

    @Test
    void prints_the_time_from_the_kill_to_each_stage(Stack stack) {
        Map<String, Function<BreakHeal.Outcome, Optional<Instant>>> stages = new LinkedHashMap<>();
        stages.put("opened", o -> o.incident().first("opened.v1"));
        stages.put("admin notified", o -> o.incident().first("admin-notified.v1"));
        stages.put("restart executed", o -> o.incident().first("step-succeeded.v1"));
        stages.put("resolved", o -> o.incident().first("resolved.v1"));
        stages.put("resolved notification", o -> o.mails().stream().filter(m -> "RESOLVED".equals(m.kind()))
                .map(Mailbox.Mail::savedAt).findFirst());
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        stages.keySet().forEach(s -> seconds.put(s, new ArrayList<>()));

        stack.register(DemoTarget.benchmark());
        try {
            BreakHeal breakHeal = new BreakHeal(stack, Duration.ofMinutes(2), Duration.ofSeconds(1));
            for (int i = 1; i <= RUNS; i++) {
                BreakHeal.Outcome o = breakHeal.run();
                assertThat(o.phase()).as("run %d\n%s", i, o.describe()).isEqualTo("RESOLVED");
                StringBuilder line = new StringBuilder("run %2d:".formatted(i));
                stages.forEach((name, at) -> at.apply(o).ifPresentOrElse(t -> {
                    double s = Duration.between(o.brokeAt(), t).toMillis() / 1000.0;
                    seconds.get(name).add(s);
                    line.append("  %s %.2fs".formatted(name, s));
                }, () -> line.append("  %s -".formatted(name))));
                System.out.println(line);
            }
        } finally {
            stack.register(DemoTarget.drill());
        }

        System.out.printf("%nFrom the kill of the demo server (1 s probe interval, threshold 1, zero grace), %d runs:%n", RUNS);
        System.out.printf("%-24s %6s %8s %8s %8s%n", "stage", "n", "p50 s", "p99 s", "max s");
        seconds.forEach((name, v) -> {
            List<Double> sorted = v.stream().sorted().toList();
            System.out.printf("%-24s %6d %8.2f %8.2f %8.2f%n", name, sorted.size(), Percentiles.nearestRank(sorted, 50),
                    Percentiles.nearestRank(sorted, 99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
        });
    }
}
