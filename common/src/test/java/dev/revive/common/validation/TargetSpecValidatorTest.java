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

    static TargetSpec withRetry(Long intervalMs, Long retryMs) {
        return new TargetSpec("web-1", null, null,
                new Probe(ProbeKind.HTTP, "http://a.example", null, null, intervalMs, null, null, null, null, null, null, null,
                        null, null, null, retryMs),
                null, null, null, null, null);
    }

    @Test
    void a_retry_interval_must_be_positive_and_within_the_interval() {
        assertThat(TargetSpecValidator.validate(withRetry(30_000L, 0L))).containsExactly(new Violation("probe.retryIntervalMs",
                "must be positive and at most the probe interval (30000 ms); equal to it turns retries off"));
        assertThat(fields(withRetry(30_000L, -5L))).containsExactly("probe.retryIntervalMs");
        assertThat(fields(withRetry(1_000L, 1_001L))).containsExactly("probe.retryIntervalMs");
        // No interval set: checked against the default one.
        assertThat(fields(withRetry(null, Probe.DEFAULT_INTERVAL_MS + 1))).containsExactly("probe.retryIntervalMs");
        assertThat(fields(withRetry(null, Probe.DEFAULT_INTERVAL_MS))).isEmpty();
        assertThat(fields(withRetry(30_000L, 200L))).isEmpty();
        assertThat(fields(withRetry(1_000L, 1_000L))).as("equal to the interval: retries off").isEmpty();
        assertThat(fields(withRetry(30_000L, null))).isEmpty();
    }

    @Test
    void the_default_retry_interval_is_a_quarter_of_the_interval_within_100_ms_and_1_s() {
        assertThat(withRetry(30_000L, null).probe().effectiveRetryIntervalMs()).isEqualTo(1_000);
        assertThat(withRetry(2_000L, null).probe().effectiveRetryIntervalMs()).isEqualTo(500);
        assertThat(withRetry(200L, null).probe().effectiveRetryIntervalMs()).isEqualTo(100);
        assertThat(withRetry(100L, null).probe().effectiveRetryIntervalMs()).as("never above the interval").isEqualTo(100);
        assertThat(withRetry(null, null).probe().effectiveRetryIntervalMs()).isEqualTo(1_000);
        assertThat(withRetry(30_000L, 250L).probe().effectiveRetryIntervalMs()).isEqualTo(250);
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
    void a_docker_restart_step_needs_a_container_name_and_whole_seconds() {
        assertThat(TargetSpecValidator.validate(http("http://a.example", null,
                List.of(new LadderStep("docker-restart", Map.of("container", "revive-httpd-1", "timeoutSeconds", "5"))),
                null))).isEmpty();
        assertThat(fields(http("http://a.example", null, List.of(new LadderStep("docker-restart", Map.of())), null)))
                .containsExactly("recovery.steps[0].params.container");
        assertThat(fields(http("http://a.example", null, List.of(new LadderStep("docker-restart",
                Map.of("container", "web; docker rm -f db", "timeoutSeconds", "soon"))), null)))
                .containsExactlyInAnyOrder("recovery.steps[0].params.container", "recovery.steps[0].params.timeoutSeconds");
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

    static List<String> dnsFields(Map<String, String> params) {
        var aws = new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", "eu-central-1", null, "revive=web-1");
        return fields(http("https://example.com", null, List.of(new LadderStep("aws-reprovision-dr", params)), aws));
    }

    @Test
    void a_re_provision_may_name_its_dns_record() {
        assertThat(dnsFields(Map.of("dnsZoneId", "Z0123456789ABCDEFGHIJ", "dnsName", "www.example.com", "dnsTtl", "60")))
                .isEmpty();
        assertThat(dnsFields(Map.of("dnsZoneId", "/hostedzone/Z01234", "dnsName", "shop.example.co.uk."))).isEmpty();
    }

    @Test
    void a_dns_record_needs_zone_and_name_together_and_well_formed() {
        assertThat(dnsFields(Map.of("dnsName", "www.example.com"))).containsExactly("recovery.steps[0].params.dnsZoneId");
        assertThat(dnsFields(Map.of("dnsZoneId", "Z01234"))).containsExactly("recovery.steps[0].params.dnsName");
        assertThat(dnsFields(Map.of("dnsTtl", "60"))).containsExactly("recovery.steps[0].params.dnsTtl");
        assertThat(dnsFields(Map.of("dnsZoneId", "z-lower", "dnsName", "www.example.com")))
                .containsExactly("recovery.steps[0].params.dnsZoneId");
        for (String bad : List.of("*.example.com", "localhost", "www..example.com", "-a.example.com", "a b.example.com")) {
            assertThat(dnsFields(Map.of("dnsZoneId", "Z01234", "dnsName", bad))).as(bad)
                    .containsExactly("recovery.steps[0].params.dnsName");
        }
        for (String bad : List.of("-1", "86401", "1e3", "sixty")) {
            assertThat(dnsFields(Map.of("dnsZoneId", "Z01234", "dnsName", "www.example.com", "dnsTtl", bad))).as(bad)
                    .containsExactly("recovery.steps[0].params.dnsTtl");
        }
    }

    @Test
    void a_reboot_takes_no_dns_record() {
        var v = TargetSpecValidator.validate(http("http://a.example", null, List.of(new LadderStep("aws-ec2-reboot",
                Map.of("instanceId", "i-0123456789abcdef0", "region", "eu-west-1", "dnsName", "www.example.com"))), null));
        assertThat(v).extracting(Violation::field).contains("recovery.steps[0].params.dnsName");
    }

    @Test
    void require_valid_throws_with_every_violation() {
        assertThatThrownBy(() -> TargetSpecValidator.requireValid(http("x", 1L, List.of(), null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).hasSize(2))
                .hasMessageContaining("probe.url").hasMessageContaining("probe.intervalMs");
    }

    static TargetSpec withProbe(Probe p) {
        return new TargetSpec("web-1", null, null, p, null, null, new TargetSpec.RecoveryPlan(0L, 60L, null, null, List.of()), null, null);
    }

    static Probe headers(Map<String, String> h) {
        return new Probe(ProbeKind.HTTP, "https://a.example.com", null, null, null, null, null, h, null, null, null, null, null, null, null);
    }

    @Test
    void a_huge_name_and_control_characters_are_named() {
        TargetSpec ok = Samples.target();
        TargetSpec big = new TargetSpec(ok.id(), "x".repeat(TargetSpecValidator.MAX_NAME + 1), ok.tags(), ok.probe(), ok.locations(),
                ok.detection(), ok.recovery(), ok.notifications(), ok.aws());
        assertThat(TargetSpecValidator.validate(big)).containsExactly(new Violation("name", "must be at most 200 characters"));
        TargetSpec nul = new TargetSpec(ok.id(), "web\u0000one", List.of("ok", "x".repeat(65)), ok.probe(), ok.locations(),
                ok.detection(), ok.recovery(), ok.notifications(), ok.aws());
        assertThat(fields(nul)).containsExactly("name", "tags[1]");
    }

    @Test
    void every_duration_and_threshold_has_an_upper_bound() {
        TargetSpec ok = Samples.target();
        TargetSpec huge = new TargetSpec(ok.id(), ok.name(), ok.tags(),
                new Probe(ProbeKind.HTTP, "https://a.example.com", null, null, Long.MAX_VALUE, Long.MAX_VALUE, null, null, null, null,
                        null, null, null, null, null),
                ok.locations(), new TargetSpec.Detection(1000, 1000, 1000, Integer.MAX_VALUE, Integer.MAX_VALUE, 100_000,
                        Long.MAX_VALUE, 100_000),
                new TargetSpec.RecoveryPlan(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, ok.recovery().steps()),
                ok.notifications(), ok.aws());
        assertThat(fields(huge)).containsExactlyInAnyOrder("probe.intervalMs", "probe.timeoutMs", "detection.failureThreshold",
                "detection.recoveryThreshold", "detection.quorum", "detection.windowSeconds", "detection.maxEstablished",
                "detection.tlsMinDays", "detection.latencyBudgetMs", "detection.flapChanges", "recovery.graceSeconds",
                "recovery.verifySeconds", "recovery.resetWindowSeconds", "recovery.actionBudgetPerDay");
    }

    @Test
    void lists_and_maps_have_a_count_limit() {
        TargetSpec ok = Samples.target();
        var steps = java.util.Collections.nCopies(17, new LadderStep("exec", Map.of("command", "restart-apache")));
        var tags = java.util.Collections.nCopies(33, "t");
        var routes = java.util.Collections.nCopies(33, new TargetSpec.NotificationRoute(Channel.EMAIL, "ops@example.com", null));
        var many = new java.util.HashMap<String, String>();
        for (int i = 0; i < 33; i++) {
            many.put("X-H" + i, "v");
        }
        TargetSpec t = new TargetSpec(ok.id(), ok.name(), tags, headers(many), java.util.Collections.nCopies(33, "eu-west-1"),
                ok.detection(), new TargetSpec.RecoveryPlan(0L, 60L, null, null, steps), routes, ok.aws());
        assertThat(fields(t)).containsExactlyInAnyOrder("tags", "locations", "probe.headers", "recovery.steps", "notifications");
    }

    @Test
    void a_header_value_with_crlf_or_a_name_that_is_no_token_is_named() {
        assertThat(fields(withProbe(headers(Map.of("X-Token", "abc\r\nX-Injected: 1"))))).containsExactly("probe.headers.X-Token");
        assertThat(fields(withProbe(headers(Map.of("X-Nul", "a\u0000b"))))).containsExactly("probe.headers.X-Nul");
        assertThat(fields(withProbe(headers(Map.of("Bad Name", "v"))))).containsExactly("probe.headers.Bad Name");
        assertThat(fields(withProbe(headers(Map.of("Content-Length", "0"))))).containsExactly("probe.headers.Content-Length");
        assertThat(fields(withProbe(headers(Map.of("X-Long", "v".repeat(4097)))))).containsExactly("probe.headers.X-Long");
        assertThat(TargetSpecValidator.validate(withProbe(headers(Map.of("Authorization", "Bearer a.b-c_d~e+f/g=", "X-Tab", "a\tb")))))
                .isEmpty();
    }

    @Test
    void long_urls_regexes_keywords_and_params_are_named() {
        assertThat(fields(withProbe(new Probe(ProbeKind.HTTP, "https://a.example.com/" + "p".repeat(2048), null, null, null, null, null,
                null, null, null, "k".repeat(1025), "k".repeat(1025), "r".repeat(513), null, null))))
                .containsExactlyInAnyOrder("probe.url", "probe.bodyMustContain", "probe.bodyMustNotContain", "probe.bodyRegex");
        TargetSpec ok = Samples.target();
        TargetSpec longTag = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(), ok.recovery(),
                ok.notifications(), new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", "eu-central-1", null, "k=" + "v".repeat(300)));
        assertThat(fields(longTag)).containsExactly("aws.snapshotTag");
    }

    @Test
    void a_verification_window_within_the_flap_hold_down_is_named_where_damping_applies() {
        var rules = new TargetSpecValidator.Rules(AddressRules.LITERALS_ONLY, java.time.Duration.ofSeconds(30), 4);
        TargetSpec ok = Samples.target();
        TargetSpec thirty = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(),
                new TargetSpec.RecoveryPlan(5L, 30L, 600L, 100, ok.recovery().steps()), ok.notifications(), ok.aws());
        assertThat(TargetSpecValidator.validate(thirty, rules)).extracting(Violation::field).containsExactly("recovery.verifySeconds");
        assertThat(TargetSpecValidator.validate(thirty)).isEmpty();
        TargetSpec noDamping = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(),
                new TargetSpec.Detection(3, 2, null, 120, null, 14, null, 0), thirty.recovery(), ok.notifications(), ok.aws());
        assertThat(TargetSpecValidator.validate(noDamping, rules)).isEmpty();
        assertThat(TargetSpecValidator.validate(thirty, new TargetSpecValidator.Rules(AddressRules.LITERALS_ONLY,
                java.time.Duration.ofSeconds(30), 0))).isEmpty();
        TargetSpec thirtyOne = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(),
                new TargetSpec.RecoveryPlan(5L, 31L, 600L, 100, ok.recovery().steps()), ok.notifications(), ok.aws());
        assertThat(TargetSpecValidator.validate(thirtyOne, rules)).isEmpty();
    }

    @Test
    void a_metadata_address_is_refused_in_every_address_field_even_without_rules() {
        assertThat(fields(http("http://169.254.169.254/latest/meta-data/", null, List.of(), null))).containsExactly("probe.url");
        assertThat(fields(http("http://[fd00:ec2::254]/", null, List.of(), null))).containsExactly("probe.url");
        assertThat(fields(withProbe(new Probe(ProbeKind.TCP, null, "169.254.169.254", 80, null, null, null, null, null, null, null, null,
                null, null, null)))).containsExactly("probe.host");
        TargetSpec ok = Samples.target();
        TargetSpec hook = new TargetSpec(ok.id(), ok.name(), ok.tags(), ok.probe(), ok.locations(), ok.detection(), ok.recovery(),
                List.of(new TargetSpec.NotificationRoute(Channel.WEBHOOK, "http://metadata.google.internal/computeMetadata/v1/", null)),
                ok.aws());
        assertThat(fields(hook)).containsExactly("notifications[0].to");
    }

    @Test
    void loopback_and_private_addresses_need_the_operator() {
        var strict = new TargetSpecValidator.Rules(new AddressRules(false, false, null), null, 0);
        var loopback = new TargetSpecValidator.Rules(new AddressRules(true, false, null), null, 0);
        TargetSpec local = http("http://127.0.0.1:8080/", null, List.of(), null);
        TargetSpec lan = http("http://10.1.2.3/", null, List.of(), null);
        assertThat(TargetSpecValidator.validate(local, strict)).extracting(Violation::field).containsExactly("probe.url");
        assertThat(TargetSpecValidator.validate(local, loopback)).isEmpty();
        assertThat(TargetSpecValidator.validate(lan, loopback)).extracting(Violation::field).containsExactly("probe.url");
        assertThat(TargetSpecValidator.validate(lan, new TargetSpecValidator.Rules(new AddressRules(false, true, null), null, 0))).isEmpty();
    }
}
