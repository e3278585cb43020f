package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Forged probe results on the real broker: whoever can write {@code revive.health} must not open an incident (and so
 * sign a restart) for a healthy target from an invented location, nor keep a location in the quorum with a start time
 * in the future. The test profile trusts {@code eu-west-1} (revive.detection.locations).
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class ProbeTrustIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    static Envelope<ProbeResult> down(String targetId, String location, Instant startedAt) {
        String id = UUID.randomUUID().toString();
        var r = new ProbeResult(id, targetId, location, "prober-" + location, 1, startedAt, 12_000, Outcome.DOWN,
                ErrorClass.CONNECTION_REFUSED, null, null, "10.0.0.7:443", null, "connection refused");
        return Envelope.of(id, r, "/revive/prober/" + location, targetId, Instant.now());
    }

    static String reason(ConsumerRecord<String, byte[]> r) {
        return EnvelopeCodec.text(r.headers(), EnvelopeCodec.DLQ_REASON);
    }

    @Test
    void forged_results_from_an_invented_location_do_not_open_an_incident() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("forged"), 600, 1);
        LadderEndToEndIT.register(t);
        for (int i = 0; i < 3; i++) {
            topics.publish(Topics.HEALTH, down(t.id(), "attacker-" + i, Instant.now()));
        }
        // Records of one target are handled in order: once the last forgery is dead-lettered, all three were refused.
        var dead = TestTopics.awaitRecord(Topics.HEALTH + Topics.DLQ_SUFFIX, t.id(),
                r -> reason(r) != null && reason(r).contains("attacker-2"));
        assertThat(reason(dead)).contains("not a known location");
        assertThat(given().when().get("/incidents?target=" + t.id()).then().statusCode(200).extract().jsonPath().getList("$"))
                .isEmpty();

        // A real prober's failure still counts, and the forged locations are not part of the evidence.
        var real = Fixtures.probe(t.id(), false);
        topics.publish(Topics.HEALTH, real);
        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        assertThat(opened.evidence()).containsEntry("probeResultId", real.id()).containsKey("location.eu-west-1")
                .doesNotContainKeys("location.attacker-0", "location.attacker-1", "location.attacker-2");
    }

    @Test
    void a_result_that_started_an_hour_in_the_future_does_not_count() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("future"), 600, 1);
        LadderEndToEndIT.register(t);
        var future = down(t.id(), "eu-west-1", Instant.now().plus(Duration.ofHours(1)));
        topics.publish(Topics.HEALTH, future);

        var dead = TestTopics.awaitRecord(Topics.HEALTH + Topics.DLQ_SUFFIX, t.id(), r -> true);
        assertThat(reason(dead)).contains("ahead of the policy's clock");
        assertThat(given().when().get("/incidents?target=" + t.id()).then().statusCode(200).extract().jsonPath().getList("$"))
                .isEmpty();
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("revive_health_rejected_total{reason=\"clock-skew\"");
    }
}
