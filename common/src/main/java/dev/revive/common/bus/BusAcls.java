package dev.revive.common.bus;

import static dev.revive.common.topic.Topics.BASELINES;
import static dev.revive.common.topic.Topics.COMMANDS;
import static dev.revive.common.topic.Topics.CAPABILITIES;
import static dev.revive.common.topic.Topics.COMMAND_RESULTS;
import static dev.revive.common.topic.Topics.DLQ_SUFFIX;
import static dev.revive.common.topic.Topics.HEALTH;
import static dev.revive.common.topic.Topics.INCIDENTS;
import static dev.revive.common.topic.Topics.METRICS;
import static dev.revive.common.topic.Topics.NOTIFICATIONS;
import static dev.revive.common.topic.Topics.NOTIFICATION_RECEIPTS;
import static dev.revive.common.topic.Topics.TARGETS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the bus: one SCRAM user per service, allowed to write only what it produces (and its own
 * dead-letter topics) and read only what it consumes, plus a read-only {@code viewer} for people with kcat. The
 * broker denies everything else ({@code allow.everyone.if.no.acl.found=false}); {@link #SUPER_USER} creates topics,
 * users and these ACLs. The local stack and the test kit apply this table ({@link BusProvisioner}); the Strimzi
 * {@code KafkaUser}s of {@code deploy/kubernetes} are checked against it.
 *
 * <p>Every grant is ALLOW from any host. READ and WRITE imply DESCRIBE. Idempotent producers need no
 * {@code IdempotentWrite} on the cluster: WRITE on a topic is enough (KIP-679); no service uses transactions.
 */
public final class BusAcls {

    /** The broker's super user: topics, SCRAM credentials and ACLs. No service runs as it. */
    public static final String SUPER_USER = "admin";

    /**
     * One principal's rights.
     *
     * @param user               SCRAM username (the principal is {@code User:<user>})
     * @param writes             topics it may write (literal names)
     * @param reads              topics it may read (literal names)
     * @param readPrefix         topics it may read by prefix, if any
     * @param groupPrefixes      consumer groups it may use, by prefix
     */
    public record Grant(String user, List<String> writes, List<String> reads, Optional<String> readPrefix,
            List<String> groupPrefixes) {

        public String principal() {
            return "User:" + user;
        }
    }

    public static final Grant PROBER = new Grant("prober",
            List.of(HEALTH, METRICS, BASELINES, TARGETS + DLQ_SUFFIX, BASELINES + DLQ_SUFFIX),
            List.of(TARGETS, BASELINES), Optional.empty(),
            // revive-prober-<location>; baselines are read without a group.
            List.of("revive-prober"));

    public static final Grant POLICY = new Grant("policy",
            // The outbox relay, and the dead letters of its four incoming channels.
            List.of(TARGETS, INCIDENTS, COMMANDS, NOTIFICATIONS, HEALTH, HEALTH + DLQ_SUFFIX, METRICS + DLQ_SUFFIX,
                    COMMAND_RESULTS + DLQ_SUFFIX, NOTIFICATION_RECEIPTS + DLQ_SUFFIX),
            // revive.targets: every replica follows the registry; revive.capabilities: what the actuators can run.
            List.of(HEALTH, METRICS, COMMAND_RESULTS, NOTIFICATION_RECEIPTS, TARGETS, CAPABILITIES), Optional.empty(),
            List.of("revive-policy"));

    public static final Grant ACTUATOR = new Grant("actuator",
            // revive.capabilities: the actuator publishes what it can run.
            List.of(COMMAND_RESULTS, CAPABILITIES, COMMANDS + DLQ_SUFFIX),
            List.of(COMMANDS), Optional.empty(),
            List.of("revive-actuator"));

    public static final Grant NOTIFIER = new Grant("notifier",
            List.of(NOTIFICATION_RECEIPTS, NOTIFICATIONS + DLQ_SUFFIX),
            List.of(NOTIFICATIONS), Optional.empty(),
            List.of("revive-notifier"));

    /** People with kcat: read every Revive topic (dead letters included), groups {@code viewer*} or {@code kcat*}, no write. */
    public static final Grant VIEWER = new Grant("viewer",
            List.of(), List.of(), Optional.of("revive."),
            List.of("viewer", "kcat"));

    /** The four services. */
    public static final List<Grant> SERVICES = List.of(PROBER, POLICY, ACTUATOR, NOTIFIER);

    /** Every principal of the table. */
    public static final List<Grant> ALL = List.of(PROBER, POLICY, ACTUATOR, NOTIFIER, VIEWER);

    private BusAcls() {
    }

    /** The grant of a user, if the table has one. */
    public static Optional<Grant> of(String user) {
        return ALL.stream().filter(g -> g.user().equals(user)).findFirst();
    }

    /** The ACL bindings of one principal. */
    public static List<AclBinding> bindings(Grant g) {
        List<AclBinding> out = new ArrayList<>();
        for (String t : g.writes()) {
            out.add(allow(g, ResourceType.TOPIC, t, PatternType.LITERAL, AclOperation.WRITE));
        }
        for (String t : g.reads()) {
            out.add(allow(g, ResourceType.TOPIC, t, PatternType.LITERAL, AclOperation.READ));
        }
        g.readPrefix().ifPresent(p -> out.add(allow(g, ResourceType.TOPIC, p, PatternType.PREFIXED, AclOperation.READ)));
        for (String group : g.groupPrefixes()) {
            out.add(allow(g, ResourceType.GROUP, group, PatternType.PREFIXED, AclOperation.READ));
        }
        return out;
    }

    /** Every binding of the table. */
    public static List<AclBinding> bindings() {
        return ALL.stream().flatMap(g -> bindings(g).stream()).toList();
    }

    private static AclBinding allow(Grant g, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(g.principal(), "*", op, AclPermissionType.ALLOW));
    }
}
