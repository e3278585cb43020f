package dev.revive.policy.it;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.signing.CommandSigner;

/** Targets, probe results and keys for the integration tests. */
public final class Fixtures {

    public static final String OPERATOR = "Bearer test-operator-key";
    public static final String ADMIN = "Bearer test-admin-key";
    /** The same keys as {@code %test.revive.signing.keys}: what the actuator would hold. */
    public static final CommandSigner ACTUATOR_VERIFIER = CommandSigner.fromConfig(
            "test-1:test-only-signing-key-not-a-secret-001", "test-1", Clock.systemUTC());

    private static long seq;

    private Fixtures() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A target with one exec step, failure threshold {@code threshold}, recovery after one success. */
    public static TargetSpec target(String id, long graceSeconds, int threshold) {
        return new TargetSpec(id, "Site " + id, List.of("test"), new Probe(ProbeKind.HTTP, "https://" + id + ".example.com/",
                null, null, 1000L, null, null, null, null, null, null, null, null, null, null), List.of(),
                new Detection(threshold, 1, null, 120, null, null, null, null),
                new RecoveryPlan(graceSeconds, 60L, 86_400L, 6, List.of(new LadderStep("exec", Map.of("command", "restart-apache")))),
                List.of(), null);
    }

    public static synchronized Envelope<ProbeResult> probe(String targetId, boolean up) {
        return probe(UUID.randomUUID().toString(), targetId, up);
    }

    public static synchronized Envelope<ProbeResult> probe(String id, String targetId, boolean up) {
        seq++;
        var r = new ProbeResult(id, targetId, "eu-west-1", "prober-1", seq, Instant.now(), 12_000,
                up ? Outcome.UP : Outcome.DOWN, up ? ErrorClass.NONE : ErrorClass.CONNECTION_REFUSED, up ? 200 : null, null,
                "10.0.0.7:443", null, up ? "ok" : "connection refused");
        return Envelope.of(id, r, "/revive/prober/eu-west-1", targetId, Instant.now());
    }
}
