package dev.revive.common.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.envelope.Samples;

class TargetSpecValidatorTest {

    static TargetSpec http(String url, Long intervalMs, List<LadderStep> steps, TargetSpec.AwsInstance aws) {
        return new TargetSpec("web-1", null, null,
                new Probe(ProbeKind.HTTP, url, null, null, intervalMs, null, null, null, null, null, null, null, null, null, null),
                null, null, new TargetSpec.RecoveryPlan(0L, 30L, null, null, steps), null, aws);
    }

    static List<String> fields(TargetSpec t) {
        return TargetSpecValidator.validate(t).stream().map(Violation::field).toList();
    }

    @Test
    void a_complete_target_is_valid() {
        assertThat(TargetSpecValidator.validate(Samples.target())).isEmpty();
    }

    @Test
    void a_bad_url_is_named() {
        assertThat(TargetSpecValidator.validate(http("ftp://x", null, List.of(), null)))
                .containsExactly(new Violation("probe.url", "must be an absolute http(s) URL with a host"));
        assertThat(fields(http("not a url", null, List.of(), null))).containsExactly("probe.url");
        assertThat(fields(http(null, null, List.of(), null))).containsExactly("probe.url");
    }

    @Test
    void a_non_positive_interval_is_named() {
        assertThat(TargetSpecValidator.validate(http("http://a.example", 0L, List.of(), null)))
                .containsExactly(new Violation("probe.intervalMs", "must be at least 100"));
    }

    @Test
    void an_unknown_driver_is_named_with_the_allow_list() {
        var v = TargetSpecValidator.validate(http("http://a.example", null, List.of(new LadderStep("rm-rf", Map.of())), null));
        assertThat(v).hasSize(1);
        assertThat(v.get(0).field()).isEqualTo("recovery.steps[0].action");
        assertThat(v.get(0).message()).startsWith("unknown action 'rm-rf'; allowed: aws-ec2-reboot");
    }

    @Test
    void an_aws_step_without_an_instance_id_is_named() {
        var v = TargetSpecValidator.validate(http("http://a.example", null,
                List.of(new LadderStep("aws-ec2-reboot", Map.of("region", "eu-west-1"))), null));
        assertThat(v).containsExactly(new Violation("recovery.steps[0].params.instanceId",
                "is required by action aws-ec2-reboot (set it here or in aws.instanceId)"));
    }

    @Test
    void an_aws_step_takes_its_instance_from_the_target() {
        var aws = new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", null, null, null);
        assertThat(TargetSpecValidator.validate(http("http://a.example", null,
                List.of(new LadderStep("aws-ec2-reboot", Map.of())), aws))).isEmpty();
    }

    @Test
    void a_shell_line_in_place_of_a_command_name_is_refused() {
        assertThat(fields(http("http://a.example", null,
                List.of(new LadderStep("exec", Map.of("command", "systemctl restart apache2; rm -rf /"))), null)))
                .containsExactly("recovery.steps[0].params.command");
    }

    @Test
    void unknown_parameters_and_bad_statuses_and_routes_are_named() {
        var t = new TargetSpec("Bad Id", null, null,
                new Probe(ProbeKind.TCP, null, null, 70000, null, -1L, null, null, List.of("2xx"), null, null, null,
                        "([", null, null),
                null, new TargetSpec.Detection(0, null, null, null, null, null, null, null),
                new TargetSpec.RecoveryPlan(-1L, null, null, null, List.of(new LadderStep("dry-run", Map.of("shell", "x")))),
                List.of(new TargetSpec.NotificationRoute(Channel.EMAIL, "nobody", null),
                        new TargetSpec.NotificationRoute(Channel.WEBHOOK, "gopher://x", null)), null);
        assertThat(fields(t)).containsExactlyInAnyOrder("id", "probe.host", "probe.port", "probe.timeoutMs",
                "probe.expectedStatus[0]", "probe.bodyRegex", "detection.failureThreshold", "recovery.graceSeconds",
                "recovery.steps[0].params.shell", "notifications[0].to", "notifications[1].to");
    }

    @Test
    void a_drill_stop_action_is_checked_like_a_ladder_step() {
        TargetSpec ok = http("https://example.com", null, List.of(), null);
        TargetSpec withStop = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(),
                ok.recovery(), ok.notifications(), ok.aws(), new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "stop-demo"))));
        assertThat(TargetSpecValidator.validate(withStop)).isEmpty();

        TargetSpec shell = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(),
                ok.recovery(), ok.notifications(), ok.aws(), new TargetSpec.Drill(new LadderStep("exec", Map.of("command", "kill -9 1"))));
        assertThat(TargetSpecValidator.validate(shell)).extracting(Violation::field).containsExactly("drill.stop.params.command");

        TargetSpec empty = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(),
                ok.recovery(), ok.notifications(), ok.aws(), new TargetSpec.Drill(null));
        assertThat(TargetSpecValidator.validate(empty)).extracting(Violation::field).containsExactly("drill.stop");
    }

    @Test
    void a_drill_stop_that_re_provisions_needs_drill_safe() {
        TargetSpec ok = http("https://example.com", null, List.of(), null);
        var aws = new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", null, null, "revive=web-1");
        LadderStep reprovision = new LadderStep("aws-reprovision", Map.of());
        TargetSpec unmarked = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(),
                ok.recovery(), ok.notifications(), aws, new TargetSpec.Drill(reprovision));
        assertThat(TargetSpecValidator.validate(unmarked)).extracting(Violation::field).containsExactly("drill.stop.action");
        TargetSpec marked = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(),
                ok.recovery(), ok.notifications(), aws, new TargetSpec.Drill(reprovision, true));
        assertThat(TargetSpecValidator.validate(marked)).isEmpty();
    }

    @Test
    void require_valid_throws_with_every_violation() {
        assertThatThrownBy(() -> TargetSpecValidator.requireValid(http("x", 1L, List.of(), null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).hasSize(2))
                .hasMessageContaining("probe.url").hasMessageContaining("probe.intervalMs");
    }
}
