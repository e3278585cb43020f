package dev.revive.common.contract;

import java.util.Set;


/**
 * The allow-list of recovery actions. A command names one of these and typed parameters, never a shell line.
 * Each action declares which parameters it requires and which it accepts.
 */
public enum Action {
    /** EC2 RebootInstances; optional stop/start when the instance stays impaired. */
    AWS_EC2_REBOOT("aws-ec2-reboot", Set.of("instanceId", "region"), Set.of("stopStartAfterSeconds")),
    /** SSM SendCommand (AWS-RunShellScript) with a named, configured template such as {@code restart-apache}. */
    AWS_SSM_COMMAND("aws-ssm-command", Set.of("instanceId", "region", "template"), Set.of()),
    /**
     * Re-provision from the latest tagged snapshot in the same region and re-associate the Elastic IP; with
     * {@code dnsZoneId} and {@code dnsName} (and {@code dnsTtl}, default 60 s) the Route 53 A record is UPSERTed to the
     * new instance's address (for a site that uses no Elastic IP).
     */
    AWS_REPROVISION("aws-reprovision", Set.of("instanceId", "region", "snapshotTag"),
            Set.of("elasticIpAllocationId", "dnsZoneId", "dnsName", "dnsTtl")),
    /**
     * The same in the disaster-recovery region, from the snapshot copied there; an Elastic IP cannot cross regions, so
     * the DNS record ({@code dnsZoneId}, {@code dnsName}, {@code dnsTtl}) is how users find the new instance.
     */
    AWS_REPROVISION_DR("aws-reprovision-dr", Set.of("instanceId", "region", "drRegion", "snapshotTag"),
            Set.of("elasticIpAllocationId", "dnsZoneId", "dnsName", "dnsTtl")),
    /** An allow-listed local command from the actuator's configuration, by name. */
    EXEC("exec", Set.of("command"), Set.of()),
    /** Rollout restart of a Kubernetes Deployment. */
    KUBERNETES_ROLLOUT_RESTART("kubernetes", Set.of("namespace", "deployment"), Set.of()),
    /**
     * Restart of a Docker container (by name or id) through the Docker Engine API, when the actuator's allow-list
     * names it or one of its labels; {@code timeoutSeconds} is how long the engine waits for it to stop before it
     * kills it.
     */
    DOCKER_RESTART("docker-restart", Set.of("container"), Set.of("timeoutSeconds")),
    /** Reports what it would do and does nothing (staged roll-outs). */
    DRY_RUN("dry-run", Set.of(), Set.of("describe")),
    /** The last rung: tell people, act no more. */
    NOTIFY_ONLY("notify-only", Set.of(), Set.of());

    private final String wireName;
    private final Set<String> required;
    private final Set<String> optional;

    Action(String wireName, Set<String> required, Set<String> optional) {
        this.wireName = wireName;
        this.required = required;
        this.optional = optional;
    }

    public String wireName() {
        return wireName;
    }

    public Set<String> requiredParams() {
        return required;
    }

    public Set<String> optionalParams() {
        return optional;
    }

    /** The wire names of the whole allow-list, for error messages. */
    public static java.util.List<String> wireNames() {
        return java.util.Arrays.stream(values()).map(Action::wireName).toList();
    }

    /**
     * Whether the action replaces the server (re-provision): a drill may run it only where the target's spec marks its
     * drill {@code drillSafe}. Every other action restarts, stops or reports, and is safe for drills by its kind.
     */
    public boolean replacesServer() {
        return this == AWS_REPROVISION || this == AWS_REPROVISION_DR;
    }

    public boolean isAws() {
        return wireName.startsWith("aws-");
    }

    /** Looks an action up by its wire name; {@code null} when it is not on the allow-list. */
    public static Action lookup(String name) {
        for (Action a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
