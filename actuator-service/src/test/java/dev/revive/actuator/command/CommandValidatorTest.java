package dev.revive.actuator.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.revive.common.contract.RecoveryCommand;

class CommandValidatorTest {

    final CommandValidator validator = new CommandValidator(Set.of("restart-demo"), Set.of("restart-apache"));

    static RecoveryCommand cmd(String action, Map<String, String> params) {
        return new RecoveryCommand("cmd-1", "inc-1", "web-1", 1, action, params, null, null, null, null);
    }

    static final Map<String, String> REBOOT = Map.of("instanceId", "i-0123456789abcdef0", "region", "eu-west-1");

    @Test
    void accepts_a_well_formed_reboot() {
        assertThat(validator.check(cmd("aws-ec2-reboot", REBOOT))).isEmpty();
    }

    static final Map<String, String> DR = Map.of("instanceId", "i-0123456789abcdef0", "region", "eu-west-1",
            "drRegion", "eu-central-1", "snapshotTag", "web-1");

    static Map<String, String> dr(String... kv) {
        var m = new java.util.HashMap<>(DR);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void accepts_a_dr_re_provision_with_its_dns_record() {
        assertThat(validator.check(cmd("aws-reprovision-dr", dr("dnsZoneId", "Z0123456789ABC", "dnsName",
                "www.example.com", "dnsTtl", "60")))).isEmpty();
        var sameRegion = dr("dnsZoneId", "Z0123456789ABC", "dnsName", "www.example.com.");
        sameRegion.remove("drRegion");
        assertThat(validator.check(cmd("aws-reprovision", sameRegion))).isEmpty();
    }

    @Test
    void rejects_a_dns_record_that_is_incomplete_or_malformed() {
        assertThat(code(cmd("aws-reprovision-dr", dr("dnsName", "www.example.com")))).isEqualTo("bad_param");
        assertThat(code(cmd("aws-reprovision-dr", dr("dnsZoneId", "Z0123")))).isEqualTo("bad_param");
        assertThat(code(cmd("aws-reprovision-dr", dr("dnsTtl", "60")))).isEqualTo("bad_param");
        assertThat(code(cmd("aws-reprovision-dr", dr("dnsZoneId", "Z0123", "dnsName", "*.example.com")))).isEqualTo("bad_param");
        assertThat(code(cmd("aws-reprovision-dr", dr("dnsZoneId", "Z0123", "dnsName", "www.example.com", "dnsTtl", "999999"))))
                .isEqualTo("bad_param");
        assertThat(code(cmd("aws-ec2-reboot", Map.of("instanceId", "i-0123456789abcdef0", "region", "eu-west-1",
                "dnsName", "www.example.com")))).isEqualTo("unexpected_param");
    }

    @Test
    void accepts_a_configured_exec_command() {
        assertThat(validator.check(cmd("exec", Map.of("command", "restart-demo")))).isEmpty();
    }

    @Test
    void accepts_the_parameters_an_exec_command_declares_and_no_other() {
        var v = new CommandValidator(Map.of("restart-unit", Set.of("unit")), Set.of());

        assertThat(v.check(cmd("exec", Map.of("command", "restart-unit", "unit", "nginx")))).isEmpty();
        assertThat(v.check(cmd("exec", Map.of("command", "restart-unit", "unit", "nginx; reboot"))).orElseThrow().code())
                .isEqualTo("bad_param");
        assertThat(v.check(cmd("exec", Map.of("command", "restart-unit", "other", "x"))).orElseThrow().code())
                .isEqualTo("unexpected_param");
        assertThat(validator.check(cmd("exec", Map.of("command", "restart-demo", "unit", "nginx"))).orElseThrow().code())
                .isEqualTo("unexpected_param");
    }

    @ParameterizedTest
    @ValueSource(strings = { "restart-demo; reboot", "restart-demo && rm -rf /", "$(reboot)", "`reboot`",
            "restart-demo | sh", "restart demo", "restart-demo\nreboot", "../../bin/sh", "-rf", "a>b", "x'y", "" })
    void rejects_shell_shaped_parameter_values(String value) {
        assertThat(code(cmd("exec", Map.of("command", value)))).isIn("bad_param", "missing_param", "not_configured");
        assertThat(validator.check(cmd("exec", Map.of("command", value)))).isPresent();
    }

    @Test
    void rejects_metacharacters_as_bad_param_before_looking_up_the_command() {
        assertThat(code(cmd("exec", Map.of("command", "restart-demo;reboot")))).isEqualTo("bad_param");
    }

    @Test
    void rejects_an_instance_id_that_is_not_one() {
        assertThat(code(cmd("aws-ec2-reboot", Map.of("instanceId", "web-server", "region", "eu-west-1"))))
                .isEqualTo("bad_param");
    }

    @Test
    void rejects_a_parameter_the_action_does_not_take() {
        assertThat(code(cmd("aws-ec2-reboot", Map.of("instanceId", "i-0123456789abcdef0", "region", "eu-west-1",
                "userData", "x")))).isEqualTo("unexpected_param");
    }

    @Test
    void accepts_a_docker_restart_of_a_container_name_and_refuses_other_shapes() {
        assertThat(code(cmd("docker-restart", Map.of("container", "revive-httpd-1", "timeoutSeconds", "5"))))
                .isEqualTo("accepted");
        assertThat(code(cmd("docker-restart", Map.of("container", "web/../../images")))).isEqualTo("bad_param");
        assertThat(code(cmd("docker-restart", Map.of("container", "web", "timeoutSeconds", "-1")))).isEqualTo("bad_param");
        assertThat(code(cmd("docker-restart", Map.of()))).isEqualTo("missing_param");
    }

    @Test
    void rejects_an_unknown_action() {
        assertThat(code(cmd("shell", Map.of()))).isEqualTo("unknown_action");
    }

    @Test
    void rejects_an_ssm_template_that_is_not_configured() {
        assertThat(code(cmd("aws-ssm-command", Map.of("instanceId", "i-0123456789abcdef0", "region", "eu-west-1",
                "template", "rm-rf")))).isEqualTo("not_configured");
    }

    @Test
    void rejects_a_command_id_unfit_for_a_client_token() {
        RecoveryCommand c = new RecoveryCommand("cmd 1;", "inc-1", "web-1", 1, "dry-run", Map.of(), null, null, null, null);
        assertThat(code(c)).isEqualTo("bad_command_id");
    }

    private String code(RecoveryCommand c) {
        Optional<Rejection> r = validator.check(c);
        return r.map(Rejection::code).orElse("accepted");
    }
}
