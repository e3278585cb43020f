package dev.revive.systemtest.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.revive.systemtest.Expectations;
import dev.revive.systemtest.stack.BreakHeal;
import dev.revive.systemtest.stack.BreakHeal.Stage;
import dev.revive.systemtest.stack.Service;
import dev.revive.systemtest.stack.Stack;
import dev.revive.systemtest.stack.StackExtension;

/**
 * The full fault drills ({@code -Pdrills}): every repetition breaks the demo and checks that Revive brings it back
 * exactly once, with one email per stage, while a fault is injected mid-incident at a stage that rotates across
 * repetitions (just after the kill, incident opened, step started, step succeeded). Faults: kill -9 of each
 * service, then it is started again; the broker and the database stopped (SIGTERM and SIGKILL alternately) and
 * started again; unreadable records on every consumed topic, each of which must land on the topic's {@code .dlq}.
 * {@code -Ddrills.repeat=N} runs per scenario (default 10). Prints the drill's table at the end.
 */
@Tag("drill")
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillIT {

    static final int REPEAT = Integer.getInteger("drills.repeat", 10);
    private static final DrillReport REPORT = new DrillReport();
    private static final Stage[] STAGES = {Stage.DEMO_KILLED, Stage.OPENED, Stage.STEP_STARTED, Stage.STEP_SUCCEEDED};

    private static BreakHeal breakHeal(Stack stack) {
        // A notifier killed while it holds an email sends it again when the row's 2-minute lease ends.
        return new BreakHeal(stack, Duration.ofMinutes(7), Duration.ofSeconds(5));
    }

    @AfterAll
    static void printTable() {
        System.out.println(REPORT.table());
    }

    @Order(1)
    @ParameterizedTest(name = "baseline #{0}")
    @MethodSource("runs")
    void break_heal_restarts_once_and_emails_each_stage_once(int run, Stack stack) {
        BreakHeal.Outcome o = breakHeal(stack).run();
        REPORT.add("baseline", o);
        Expectations.healedOnce(o);
    }

    static Stream<Integer> runs() {
        return Stream.iterate(1, i -> i + 1).limit(REPEAT);
    }

    static Stream<Arguments> kills() {
        List<Arguments> out = new ArrayList<>();
        Service[] services = Service.values();
        for (int k = 0; k < services.length; k++) {
            for (int i = 0; i < REPEAT; i++) {
                out.add(Arguments.of(services[k], i + 1, STAGES[(i + k) % STAGES.length]));
            }
        }
        return out.stream();
    }

    @Order(2)
    @ParameterizedTest(name = "kill -9 {0} #{1} at {2}")
    @MethodSource("kills")
    void incident_closes_once_when_a_service_is_killed_mid_incident(Service service, int run, Stage stage, Stack stack) {
        BreakHeal.Outcome o = breakHeal(stack).run(stage, () -> {
            stack.kill9(service);
            stack.restart(service);
        });
        REPORT.add("kill -9 " + service.id(), o);
        Expectations.healedOnce(o);
    }

    static Stream<Arguments> restarts() {
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < REPEAT; i++) {
            out.add(Arguments.of(i + 1, i % 2 == 1, STAGES[(i / 2 + 1) % STAGES.length]));
        }
        return out.stream();
    }

    @Order(3)
    @ParameterizedTest(name = "kafka #{0} (SIGKILL {1}) at {2}")
    @MethodSource("restarts")
    void incident_closes_once_when_the_broker_restarts_mid_incident(int run, boolean kill, Stage stage, Stack stack) {
        BreakHeal.Outcome o = breakHeal(stack).run(stage, () -> stack.restartKafka(kill));
        REPORT.add("kafka restart", o);
        Expectations.healedOnce(o);
    }

    @Order(4)
    @ParameterizedTest(name = "postgres #{0} (SIGKILL {1}) at {2}")
    @MethodSource("restarts")
    void incident_closes_once_when_the_database_restarts_mid_incident(int run, boolean kill, Stage stage, Stack stack) {
        // One stage later than the broker's rotation, as the script did.
        Stage at = STAGES[(java.util.Arrays.asList(STAGES).indexOf(stage) + 1) % STAGES.length];
        BreakHeal.Outcome o = breakHeal(stack).run(at, () -> stack.restartPostgres(kill));
        REPORT.add("postgres restart", o);
        Expectations.healedOnce(o);
    }

    @Order(5)
    @Test
    void unreadable_records_on_every_consumed_topic_land_on_its_dead_letter_topic_and_nothing_stalls(Stack stack) {
        int perTopic = 100;
        String marker = "fault-drill-" + System.currentTimeMillis();
        DeadLetters dlq = new DeadLetters(stack.config().kafkaBootstrap());
        dlq.send(marker, perTopic);
        Map<String, Map<DeadLetters.Variety, Long>> landed = new LinkedHashMap<>();
        try {
            await("every unreadable record on its .dlq").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5))
                    .until(() -> {
                        landed.clear();
                        DeadLetters.CONSUMED.keySet().forEach(t -> landed.put(t, counts(dlq, t, marker)));
                        return landed.values().stream().allMatch(m -> m.values().stream().mapToLong(Long::longValue)
                                .sum() >= perTopic);
                    });
        } catch (ConditionTimeoutException e) {
            // the table below says which topic is short
        }
        System.out.printf("%nUnreadable records -> dead-letter topics (landed per variety, %d sent per topic)%n", perTopic);
        landed.forEach((t, m) -> System.out.printf("  %-30s %s%n", t, m));
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, Long> actual = new LinkedHashMap<>();
        landed.forEach((t, m) -> {
            expected.put(t, (long) perTopic);
            actual.put(t, m.values().stream().mapToLong(Long::longValue).sum());
        });
        assertThat(actual).as("records on each <topic>.dlq").isEqualTo(expected);

        BreakHeal.Outcome o = breakHeal(stack).run();
        REPORT.add("after malformed", o);
        Expectations.healedOnce(o);
    }

    private static Map<DeadLetters.Variety, Long> counts(DeadLetters dlq, String topic, String marker) {
        List<String> keys = dlq.deadLetterKeys(topic);
        Map<DeadLetters.Variety, Long> m = new LinkedHashMap<>();
        for (DeadLetters.Variety v : DeadLetters.Variety.values()) {
            m.put(v, keys.stream().filter(k -> k != null && k.startsWith(DeadLetters.key(marker, v))).count());
        }
        return m;
    }
}
