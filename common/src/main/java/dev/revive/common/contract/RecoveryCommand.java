package dev.revive.common.contract;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed order to run one allow-listed action. Published on {@code revive.commands}.
 *
 * @param commandId  unique id; the actuator's ledger key and the EC2 ClientToken
 * @param incidentId the incident that asked for it
 * @param targetId   the target
 * @param step       ladder step index (1-based)
 * @param action     wire name of an allow-listed {@link Action}; anything else is rejected by the actuator
 * @param params     typed parameters of the action
 * @param issuedAt   when it was issued
 * @param expiresAt  after this instant the actuator refuses it as stale
 * @param keyId      which HMAC key signed it
 * @param signature  base64url HMAC-SHA256 over {@link #canonicalBytes()}
 */
public record RecoveryCommand(
        String commandId,
        String incidentId,
        String targetId,
        int step,
        String action,
        Map<String, String> params,
        Instant issuedAt,
        Instant expiresAt,
        String keyId,
        String signature) {

    public RecoveryCommand {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** The allow-listed action, or null when {@link #action()} names none. */
    public Action actionType() {
        return Action.lookup(action);
    }

    public RecoveryCommand withSignature(String newKeyId, String newSignature) {
        return new RecoveryCommand(commandId, incidentId, targetId, step, action, params, issuedAt, expiresAt,
                newKeyId, newSignature);
    }

    /** The exact bytes that are signed: every field but the signature, in a fixed order, params sorted. */
    public byte[] canonicalBytes() {
        StringBuilder sb = new StringBuilder(256);
        field(sb, "commandId", commandId);
        field(sb, "incidentId", incidentId);
        field(sb, "targetId", targetId);
        field(sb, "step", Integer.toString(step));
        field(sb, "action", action);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            field(sb, "param." + e.getKey(), e.getValue());
        }
        field(sb, "issuedAt", issuedAt == null ? null : issuedAt.toString());
        field(sb, "expiresAt", expiresAt == null ? null : expiresAt.toString());
        field(sb, "keyId", keyId);
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder sb, String name, String value) {
        // Length-prefixed so that no choice of values can make two different commands serialize alike.
        String v = value == null ? "" : value;
        sb.append(name).append('=').append(v.length()).append(':').append(v).append('\n');
    }
}
