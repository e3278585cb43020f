package dev.revive.common.envelope;

import java.util.List;
import java.util.Map;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;

/** A fully populated, valid target for contract tests. */
public final class Samples {

    private Samples() {
    }

    public static TargetSpec target() {
        return new TargetSpec("web-1", "Web 1", List.of("prod", "eu"),
                new TargetSpec.Probe(TargetSpec.ProbeKind.HTTP, "https://www.example.com/health", null, null, 10_000L,
                        2_000L, "GET", Map.of("User-Agent", "revive"), List.of("200-299"), false, "ok", "Fatal error",
                        null, false, null),
                List.of("eu-west-1", "us-east-1"), TargetSpec.Detection.defaults(),
                new TargetSpec.RecoveryPlan(300L, 120L, 86_400L, 6, List.of(
                        new TargetSpec.LadderStep("aws-ssm-command", Map.of("template", "restart-apache")),
                        new TargetSpec.LadderStep("aws-reprovision", Map.of()),
                        new TargetSpec.LadderStep("aws-reprovision-dr", Map.of()))),
                List.of(new TargetSpec.NotificationRoute(Channel.EMAIL, "ops@example.com", Severity.INFO)),
                new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", "eu-central-1",
                        "eipalloc-0123456789abcdef0", "revive=web-1"));
    }
}
