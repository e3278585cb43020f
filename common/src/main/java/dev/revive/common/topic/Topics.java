package dev.revive.common.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Revive's Kafka topics: names, partitions and cleanup in one place. Every record is keyed by target id
 * ({@link #BASELINES}: by target id and location; {@link #CAPABILITIES}: by actuator).
 * The same list creates topics in tests, in the local stack and (as Strimzi KafkaTopics) on Kubernetes.
 */
public final class Topics {

    public static final String TARGETS = "revive.targets";
    public static final String HEALTH = "revive.health";
    public static final String METRICS = "revive.metrics";
    public static final String INCIDENTS = "revive.incidents";
    public static final String COMMANDS = "revive.commands";
    public static final String COMMAND_RESULTS = "revive.command-results";
    public static final String NOTIFICATIONS = "revive.notifications";
    public static final String NOTIFICATION_RECEIPTS = "revive.notification-receipts";
    /** Drift baselines per target and location (compacted), keyed {@code <targetId>@<location>}. */
    public static final String BASELINES = "revive.baselines";
    /** What each actuator can run (compacted), keyed by actuator ({@code ActuatorCapabilities}). */
    public static final String CAPABILITIES = "revive.capabilities";

    /** Suffix of a topic's dead-letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final int DEFAULT_PARTITIONS = 6;

    /** One topic's settings. */
    public record Spec(String name, int partitions, Map<String, String> config) {
        public String dlq() {
            return name + DLQ_SUFFIX;
        }
    }

    private static final Map<String, String> COMPACT = Map.of("cleanup.policy", "compact",
            "min.compaction.lag.ms", "0", "segment.ms", Long.toString(Duration.ofHours(1).toMillis()));

    private static Map<String, String> delete(Duration retention) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }

    public static final List<Spec> ALL = List.of(
            new Spec(TARGETS, DEFAULT_PARTITIONS, COMPACT),
            new Spec(HEALTH, DEFAULT_PARTITIONS, delete(Duration.ofHours(6))),
            new Spec(METRICS, DEFAULT_PARTITIONS, delete(Duration.ofDays(1))),
            new Spec(INCIDENTS, DEFAULT_PARTITIONS, delete(Duration.ofDays(365))),
            new Spec(COMMANDS, DEFAULT_PARTITIONS, delete(Duration.ofDays(7))),
            new Spec(COMMAND_RESULTS, DEFAULT_PARTITIONS, delete(Duration.ofDays(7))),
            new Spec(NOTIFICATIONS, DEFAULT_PARTITIONS, delete(Duration.ofDays(7))),
            new Spec(NOTIFICATION_RECEIPTS, DEFAULT_PARTITIONS, delete(Duration.ofDays(7))),
            new Spec(BASELINES, DEFAULT_PARTITIONS, COMPACT),
            // A handful of records read whole by every policy replica: one partition keeps them in one order.
            new Spec(CAPABILITIES, 1, COMPACT));

    /** The topics plus one dead-letter topic for each (14-day retention, so nothing is lost before a look). */
    public static List<Spec> allWithDeadLetters() {
        var out = new java.util.ArrayList<Spec>(ALL);
        for (Spec s : ALL) {
            out.add(new Spec(s.dlq(), 1, delete(Duration.ofDays(14))));
        }
        return List.copyOf(out);
    }

    private Topics() {
    }
}
