package dev.revive.prober.assignment;

import dev.revive.common.bus.KafkaConnection;

/**
 * How an instance joins its location's consumer group on {@code revive.targets}.
 *
 * @param kafka             Kafka: bootstrap servers and credentials
 * @param location          this prober's location label; the group is {@code revive-prober-<location>}
 * @param instanceId        this instance (the consumer's client.id)
 * @param sessionTimeoutMs  how long a silent instance keeps its partitions (the takeover time after a crash)
 * @param heartbeatMs       heartbeat interval
 */
public record AssignmentSettings(KafkaConnection kafka, String location, String instanceId, int sessionTimeoutMs,
        int heartbeatMs) {

    /** On a PLAINTEXT listener. */
    public AssignmentSettings(String bootstrapServers, String location, String instanceId, int sessionTimeoutMs, int heartbeatMs) {
        this(KafkaConnection.plaintext(bootstrapServers), location, instanceId, sessionTimeoutMs, heartbeatMs);
    }

    public String groupId() {
        return "revive-prober-" + location;
    }
}
