package dev.revive.policy.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.AwsInstance;
import dev.revive.common.contract.TargetSpec.Drill;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;

/** Which spec follows a re-provision's result: pure, no broker. */
class ReplacementTest {

    static final String OLD = "i-0123456789abcdef0";
    static final String NEW = "i-0fedcba9876543210";
    static final AwsInstance AWS = new AwsInstance(OLD, "eu-west-1", "eu-central-1", "eipalloc-0123456789abcdef0", "revive=web");

    static Probe http(String url) {
        return new Probe(ProbeKind.HTTP, url, null, null, 1000L, null, null, null, null, null, null, null, null, null, null);
    }

    static Probe tcp(String host) {
        return new Probe(ProbeKind.TCP, null, host, 443, 1000L, null, null, null, null, null, null, null, null, null, null);
    }

    static TargetSpec target(Probe probe, AwsInstance aws, Drill drill, LadderStep... steps) {
        return new TargetSpec("web-1", "Web 1", List.of(), probe, List.of(), null,
                new RecoveryPlan(0L, 60L, 0L, 6, List.of(steps)), List.of(), aws, drill);
    }

    static RecoveryResult result(String newAddress, String region) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new RecoveryResult("c-2", "inc-1", "web-1", 2, "aws-reprovision", RecoveryResult.Status.SUCCEEDED, false,
                null, "ok", NEW, newAddress, t, t, OLD, "10.0.1.5", region);
    }

    @Test
    void the_aws_block_names_the_new_instance_in_the_same_region_and_keeps_its_elastic_ip() {
        TargetSpec t = target(http("https://www.example.com/"), AWS, null, new LadderStep("aws-ec2-reboot", Map.of()));

        var a = Replacement.adopt(t, result("198.51.100.7", "eu-west-1")).orElseThrow();

        assertThat(a.spec().aws()).isEqualTo(new AwsInstance(NEW, "eu-west-1", "eu-central-1", "eipalloc-0123456789abcdef0",
                "revive=web"));
        assertThat(a.spec().probe()).isEqualTo(t.probe());
        assertThat(a.region()).isNull();
        assertThat(a.droppedElasticIp()).isNull();
        assertThat(a.address()).isNull();
    }

    @Test
    void steps_and_the_drill_that_name_the_replaced_instance_follow_it_into_the_dr_region() {
        TargetSpec t = target(http("https://www.example.com/"), null,
                new Drill(new LadderStep("aws-ssm-command", Map.of("instanceId", OLD, "region", "eu-west-1", "template", "stop-web"))),
                new LadderStep("aws-ec2-reboot", Map.of("instanceId", OLD, "region", "eu-west-1")),
                new LadderStep("aws-ec2-reboot", Map.of("instanceId", "i-0aaaaaaaaaaaaaaaa", "region", "eu-west-1")),
                new LadderStep("aws-reprovision", Map.of("instanceId", OLD, "region", "eu-west-1", "snapshotTag", "revive=web",
                        "elasticIpAllocationId", "eipalloc-0123456789abcdef0")));

        var a = Replacement.adopt(t, result("203.0.113.50", "eu-central-1")).orElseThrow();

        List<LadderStep> steps = a.spec().recovery().steps();
        assertThat(steps.get(0).params()).containsEntry("instanceId", NEW).containsEntry("region", "eu-central-1");
        assertThat(steps.get(1)).as("another instance's step").isEqualTo(t.recovery().steps().get(1));
        assertThat(steps.get(2).params()).containsEntry("instanceId", NEW).containsEntry("region", "eu-central-1")
                .doesNotContainKey("elasticIpAllocationId");
        assertThat(a.spec().drill().stop().params()).containsEntry("instanceId", NEW).containsEntry("region", "eu-central-1");
        assertThat(a.replacedRegion()).isEqualTo("eu-west-1");
        assertThat(a.region()).isEqualTo("eu-central-1");
    }

    @Test
    void a_probe_by_ip_address_follows_the_new_address_of_the_same_kind() {
        var byUrl = Replacement.adopt(target(http("https://198.51.100.7:8443/health?x=1"), AWS, null),
                result("203.0.113.50", "eu-central-1")).orElseThrow();
        assertThat(byUrl.spec().probe().url()).isEqualTo("https://203.0.113.50:8443/health?x=1");
        assertThat(byUrl.replacedAddress()).isEqualTo("198.51.100.7");
        assertThat(byUrl.address()).isEqualTo("203.0.113.50");

        var byHost = Replacement.adopt(target(tcp("10.0.1.5"), AWS, null), result("10.0.2.9", "eu-west-1")).orElseThrow();
        assertThat(byHost.spec().probe().host()).isEqualTo("10.0.2.9");
        assertThat(byHost.spec().probe().port()).isEqualTo(443);
    }

    @Test
    void a_probe_by_name_or_of_another_kind_of_address_is_left_alone() {
        Probe byName = http("https://www.example.com/");
        assertThat(Replacement.adopt(target(byName, AWS, null), result("203.0.113.50", "eu-west-1")).orElseThrow()
                .spec().probe()).isEqualTo(byName);
        Probe publicIp = tcp("198.51.100.7");
        var a = Replacement.adopt(target(publicIp, AWS, null), result("10.0.2.9", "eu-west-1")).orElseThrow();
        assertThat(a.spec().probe()).as("a private address for a public one").isEqualTo(publicIp);
        assertThat(a.address()).isNull();
        assertThat(a.spec().aws().instanceId()).isEqualTo(NEW);
    }

    @Test
    void nothing_is_adopted_when_the_spec_no_longer_names_the_replaced_instance_or_the_result_names_none() {
        TargetSpec adopted = target(http("https://www.example.com/"),
                new AwsInstance(NEW, "eu-west-1", null, null, "revive=web"), null);
        assertThat(Replacement.adopt(adopted, result("198.51.100.7", "eu-west-1"))).isEmpty();

        TargetSpec t = target(http("https://www.example.com/"), AWS, null);
        RecoveryResult r = result("198.51.100.7", "eu-west-1");
        assertThat(Replacement.adopt(t, new RecoveryResult(r.commandId(), r.incidentId(), r.targetId(), r.step(), r.action(),
                r.status(), false, null, "ok", null, null, r.startedAt(), r.finishedAt(), OLD, null, null))).isEmpty();
        assertThat(Replacement.adopt(null, r)).isEmpty();
    }

    @Test
    void an_unknown_region_leaves_the_region_as_it_was() {
        var a = Replacement.adopt(target(http("https://www.example.com/"), AWS, null), result(null, null)).orElseThrow();
        assertThat(a.spec().aws().region()).isEqualTo("eu-west-1");
        assertThat(a.spec().aws().elasticIpAllocationId()).isEqualTo("eipalloc-0123456789abcdef0");
    }
}
