package dev.revive.actuator.command;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.validation.TargetSpecValidator;

/**
 * The allow-list check after the signature: a known action, exactly its parameters, and every value shaped like a
 * name (an instance id, a region, a template name), never a shell line. Pure, so it is tested without Kafka.
 */
public final class CommandValidator {

    /** Every value: letters, digits and {@code . _ : / = @ + -}; no blanks, quotes or shell metacharacters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/=@+-]{0,254}");

    private static final Map<String, Pattern> SHAPES = Map.ofEntries(
            Map.entry("dnsZoneId", TargetSpecValidator.DNS_ZONE_ID),
            Map.entry("dnsName", TargetSpecValidator.DNS_NAME),
            Map.entry("dnsTtl", TargetSpecValidator.DNS_TTL),
            Map.entry("instanceId", Pattern.compile("i-[0-9a-f]{8,17}")),
            Map.entry("region", Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}")),
            Map.entry("drRegion", Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}")),
            Map.entry("elasticIpAllocationId", Pattern.compile("eipalloc-[0-9a-f]{8,17}")),
            Map.entry("stopStartAfterSeconds", Pattern.compile("[0-9]{1,5}")),
            // DNS-1123 labels: what Kubernetes accepts for namespaces and Deployment names.
            Map.entry("namespace", Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")),
            Map.entry("deployment", Pattern.compile("[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?")),
            // What the Docker engine accepts as a container name (an id is hex, so it matches too).
            Map.entry("container", Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")),
            Map.entry("timeoutSeconds", Pattern.compile("[0-9]{1,4}")));

    /** Exec command names, each with the further parameters it accepts. */
    private final Map<String, Set<String>> execCommands;
    private final Set<String> ssmTemplates;

    public CommandValidator(Set<String> execCommands, Set<String> ssmTemplates) {
        this(execCommands.stream().collect(java.util.stream.Collectors.toMap(n -> n, n -> Set.<String>of())), ssmTemplates);
    }

    public CommandValidator(Map<String, Set<String>> execCommands, Set<String> ssmTemplates) {
        this.execCommands = Map.copyOf(execCommands);
        this.ssmTemplates = Set.copyOf(ssmTemplates);
    }

    /** The first thing wrong with a (signature-checked) command, or empty when it may run. */
    public Optional<Rejection> check(RecoveryCommand c) {
        if (c.commandId() == null || !NAME.matcher(c.commandId()).matches()) {
            return reject("bad_command_id", "command id must be a plain name (it becomes the EC2 ClientToken)");
        }
        if (c.targetId() == null || c.targetId().isBlank()) {
            return reject("missing_target", "command has no target id");
        }
        Action action = c.actionType();
        if (action == null) {
            return reject("unknown_action", "action '" + c.action() + "' is not on the allow-list " + Action.wireNames());
        }
        for (String required : action.requiredParams()) {
            String v = c.params().get(required);
            if (v == null || v.isBlank()) {
                return reject("missing_param", action.wireName() + " needs parameter '" + required + "'");
            }
        }
        for (Map.Entry<String, String> p : c.params().entrySet()) {
            String name = p.getKey();
            boolean execParam = action == Action.EXEC
                    && execCommands.getOrDefault(c.params().get("command"), Set.of()).contains(name);
            if (!action.requiredParams().contains(name) && !action.optionalParams().contains(name) && !execParam) {
                return reject("unexpected_param", action.wireName() + " takes no parameter '" + name + "'");
            }
            String value = p.getValue() == null ? "" : p.getValue();
            if (!NAME.matcher(value).matches()) {
                return reject("bad_param", "parameter '" + name + "' must be a name, not a command line");
            }
            Pattern shape = SHAPES.get(name);
            if (shape != null && !shape.matcher(value).matches()) {
                return reject("bad_param", "parameter '" + name + "' is not a valid " + name);
            }
        }
        if ((c.params().get("dnsZoneId") == null) != (c.params().get("dnsName") == null)
                || (c.params().get("dnsTtl") != null && c.params().get("dnsZoneId") == null)) {
            return reject("bad_param", action.wireName() + " needs dnsZoneId and dnsName together (dnsTtl only with them)");
        }
        if (action == Action.EXEC && !execCommands.containsKey(c.params().get("command"))) {
            return reject("not_configured", "exec command '" + c.params().get("command") + "' is not configured here");
        }
        if (action == Action.AWS_SSM_COMMAND && !ssmTemplates.contains(c.params().get("template"))) {
            return reject("not_configured", "SSM template '" + c.params().get("template") + "' is not configured here");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(String code, String message) {
        return Optional.of(new Rejection(code, message));
    }
}
