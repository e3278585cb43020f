package dev.revive.common.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.Severity;
import dev.revive.common.contract.TargetSpec;

class EnvelopeCodecTest {

    static final Instant T = Instant.parse("2026-11-23T10:15:30.123Z");

    static Stream<Object> everyContract() {
        var spec = Samples.target();
        var result = new ProbeResult("r1", "web-1", "eu-west-1", "prober-a", 7, T, 1234, ProbeResult.Outcome.DOWN,
                ProbeResult.ErrorClass.UNEXPECTED_STATUS, 503, 40, "203.0.113.10:443",
                new ProbeResult.DriftReport(0.25, List.of(new long[] {10, 20}), 10, "hello"), "HTTP 503");
        var metrics = new HostMetrics("m1", "web-1", "web-1.example", "i-0123456789abcdef0", T,
                List.of(new HostMetrics.PortStates(443, Map.of("ESTABLISHED", 12, "TIME_WAIT", 3))));
        var command = new RecoveryCommand("c1", "inc-1", "web-1", 1, "aws-ec2-reboot",
                Map.of("instanceId", "i-0123456789abcdef0", "region", "eu-west-1"), T, T.plusSeconds(300), "k1", "sig");
        var outcome = new RecoveryResult("c1", "inc-1", "web-1", 1, "aws-ec2-reboot", RecoveryResult.Status.SUCCEEDED,
                false, null, "rebooted", null, null, T, T.plusSeconds(20));
        var reprovisioned = new RecoveryResult("c2", "inc-1", "web-1", 2, "aws-reprovision", RecoveryResult.Status.SUCCEEDED,
                false, null, "re-provisioned", "i-0fedcba9876543210", "198.51.100.7", T, T.plusSeconds(200),
                "i-0123456789abcdef0", "10.0.1.23");
        var reprovisionedDr = new RecoveryResult("c3", "inc-1", "web-1", 3, "aws-reprovision-dr",
                RecoveryResult.Status.SUCCEEDED, false, null, "re-provisioned", "i-0aaaabbbbccccdddd", "203.0.113.50", T,
                T.plusSeconds(300), "i-0123456789abcdef0", null, "eu-central-1");
        var request = new NotificationRequest("n1", "inc-1", "web-1", "Web 1", NotificationRequest.Kind.OPENED,
                Severity.CRITICAL, 0, null, "web-1 is down", Map.of("errorClass", "TIMEOUT"),
                Map.of("hold", "https://revive.example/hold?t=x"),
                List.of(new NotificationRequest.Recipient(Channel.EMAIL, "ops@example.com")),
                List.of(new NotificationRequest.TimelineEntry(T, "opened")), List.of("prod"), T, T.plusSeconds(300));
        var receipt = new DeliveryReceipt("n1", "inc-1", "web-1", Channel.EMAIL, "ops@example.com",
                DeliveryReceipt.Status.DELIVERED, 1, null, "<abc@revive>", T);
        Stream<Object> incidentEvents = Stream.of(
                new IncidentEvent.IncidentOpened("inc-1", "web-1", T, Severity.CRITICAL, "3 failures", Map.of("a", "b"), 1),
                new IncidentEvent.AdminNotified("inc-1", "web-1", T, "n1", T.plusSeconds(300)),
                new IncidentEvent.HoldPlaced("inc-1", "web-1", T, "alice", "looking"),
                new IncidentEvent.HoldReleased("inc-1", "web-1", T, "alice"),
                new IncidentEvent.Acknowledged("inc-1", "web-1", T, "alice"),
                new IncidentEvent.RecoveryStepStarted("inc-1", "web-1", T, 1, "exec", "c1"),
                new IncidentEvent.RecoveryStepSucceeded("inc-1", "web-1", T, 1, "c1", "ok", "i-0fedcba9876543210", "198.51.100.7"),
                new IncidentEvent.RecoveryStepSucceeded("inc-1", "web-1", T, 2, "c2", "ok", "i-0fedcba9876543210", "198.51.100.7",
                        "i-0123456789abcdef0", "10.0.1.23"),
                new IncidentEvent.ReplacementAdopted("inc-1", "web-1", T, 3, "c3", "i-0123456789abcdef0", "i-0aaaabbbbccccdddd",
                        "eu-west-1", "eu-central-1", "eipalloc-0123456789abcdef0", "198.51.100.7", "203.0.113.50"),
                new IncidentEvent.RecoveryStepFailed("inc-1", "web-1", T, 1, "c1", "denied", true),
                new IncidentEvent.VerificationPassed("inc-1", "web-1", T, 1),
                new IncidentEvent.VerificationFailed("inc-1", "web-1", T, 1),
                new IncidentEvent.Escalated("inc-1", "web-1", T, 1, 2, "verification failed"),
                new IncidentEvent.LadderExhausted("inc-1", "web-1", T),
                new IncidentEvent.NeedsHuman("inc-1", "web-1", T, "no snapshot"),
                new IncidentEvent.OriginalInstanceBack("inc-1", "web-1", T, "203.0.113.10:443"),
                new IncidentEvent.IncidentResolved("inc-1", "web-1", T, "verified", 95));
        return Stream.concat(Stream.of(spec, result, metrics, command, outcome, reprovisioned, reprovisionedDr, request, receipt), incidentEvents);
    }

    @ParameterizedTest
    @MethodSource("everyContract")
    void every_contract_round_trips_through_the_envelope(Object body) {
        Envelope<Object> sent = Envelope.of("id-1", body, "/revive/test", "web-1", T);
        Headers headers = EnvelopeCodec.headers(sent);
        byte[] value = EnvelopeCodec.body(body);

        Envelope<Object> read = EnvelopeCodec.decode(headers, value);

        assertThat(EnvelopeCodec.text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(read.id()).isEqualTo("id-1");
        assertThat(read.type()).isEqualTo(EventTypes.typeOf(body.getClass())).matches("dev\\.revive\\..+\\.v\\d+");
        assertThat(read.time()).isEqualTo(T);
        assertThat(read.subject()).isEqualTo("web-1");
        assertThat(read.data()).usingRecursiveComparison().isEqualTo(body);
    }

    @Test
    void a_result_from_before_new_region_existed_reads_with_the_region_unknown() {
        var old = new RecoveryResult("c2", "inc-1", "web-1", 2, "aws-reprovision", RecoveryResult.Status.SUCCEEDED,
                false, null, "re-provisioned", "i-0fedcba9876543210", "198.51.100.7", T, T.plusSeconds(200),
                "i-0123456789abcdef0", "10.0.1.23");
        Envelope<Object> e = Envelope.of("id-4", old, "/revive/actuator", "web-1", T);
        String json = new String(EnvelopeCodec.body(old), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("newRegion");

        RecoveryResult read = EnvelopeCodec.decode(EnvelopeCodec.headers(e), json.getBytes(StandardCharsets.UTF_8),
                RecoveryResult.class).data();

        assertThat(read.newInstanceId()).isEqualTo("i-0fedcba9876543210");
        assertThat(read.newRegion()).isNull();
    }

    @Test
    void unknown_fields_are_ignored() {
        Envelope<Object> e = Envelope.of("id-2", Samples.target(), "/revive/test", "web-1", T);
        String json = new String(EnvelopeCodec.body(e.data()), StandardCharsets.UTF_8);
        String extended = "{\"addedInV2\":{\"x\":1}," + json.substring(1);

        TargetSpec read = EnvelopeCodec.decode(EnvelopeCodec.headers(e), extended.getBytes(StandardCharsets.UTF_8),
                TargetSpec.class).data();

        assertThat(read).usingRecursiveComparison().isEqualTo(Samples.target());
    }

    @Test
    void unreadable_records_are_refused_with_a_reason() {
        Envelope<Object> e = Envelope.of("id-3", Samples.target(), "/revive/test", "web-1", T);
        Headers h = EnvelopeCodec.headers(e);

        assertThatThrownBy(() -> EnvelopeCodec.decode(h, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("not a valid TargetSpec");
        assertThatThrownBy(() -> EnvelopeCodec.decode(h, new byte[0]))
                .isInstanceOf(EnvelopeException.class).hasMessage("empty body");
        h.remove("ce_type");
        h.add("ce_type", "dev.revive.nope.v9".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EnvelopeCodec.decode(h, EnvelopeCodec.body(e.data())))
                .isInstanceOf(EnvelopeException.class).hasMessage("unknown ce_type 'dev.revive.nope.v9'");
        h.remove("ce_id");
        assertThatThrownBy(() -> EnvelopeCodec.decode(h, EnvelopeCodec.body(e.data()), TargetSpec.class))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("ce_type");
    }

    @Test
    void a_body_of_another_type_is_refused() {
        Envelope<Object> e = Envelope.of("id-4", Samples.target(), "/revive/test", "web-1", T);
        assertThatThrownBy(() -> EnvelopeCodec.decode(EnvelopeCodec.headers(e), EnvelopeCodec.body(e.data()),
                ProbeResult.class)).isInstanceOf(EnvelopeException.class).hasMessageContaining("wanted ProbeResult");
    }
}
