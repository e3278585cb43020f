package dev.revive.policy.signal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.policy.detection.DetectionService;
import dev.revive.policy.detection.Verdict;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Alertmanager's webhook on the real broker and database: a firing alert goes onto {@code revive.health} as the
 * target's {@code alertmanager} location and completes a quorum the probes alone do not reach; its repeats count
 * once; resolved, it leaves the quorum; bad or unauthenticated input is refused and publishes nothing.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class AlertmanagerIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Inject
    DetectionService detection;

    static String payload(String status, String target, String fingerprint) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"HighErrorRate\\"}","status":"%1$s","receiver":"revive",
                 "groupLabels":{"alertname":"HighErrorRate"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
                 "alerts":[{"status":"%1$s","labels":{"alertname":"HighErrorRate","revive_target":"%2$s","severity":"page"},
                   "annotations":{"summary":"5xx above 5%%"},"startsAt":"2026-12-02T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prom:9090/graph","fingerprint":"%3$s"}]}
                """.formatted(status, target, fingerprint);
    }

    static void post(String body, int status) {
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(body)
                .when().post("/signals/alertmanager").then().statusCode(status);
    }

    Envelope<ProbeResult> probe(String target, String location, boolean up) {
        Envelope<ProbeResult> e = Fixtures.probe(target, up);
        ProbeResult r = e.data();
        ProbeResult moved = new ProbeResult(r.id(), r.targetId(), location, "prober-" + location, r.seq(), r.startedAt(), r.durationMicros(),
                r.outcome(), r.errorClass(), r.statusCode(), r.tlsDaysLeft(), r.address(), r.drift(), r.detail());
        return Envelope.of(e.id(), moved, "/revive/prober/" + location, target, e.time());
    }

    @Test
    void a_firing_alert_completes_the_quorum_its_repeat_counts_once_and_resolved_it_leaves() throws Exception {
        String id = Fixtures.uniqueId("am");
        TargetSpec base = Fixtures.target(id, 600, 1);
        TargetSpec t = new TargetSpec(base.id(), base.name(), base.tags(), base.probe(), List.of("eu-west-1", "us-east-1"),
                new TargetSpec.Detection(1, 1, null, 120, null, null, null, null, List.of("alertmanager")), base.recovery(),
                base.notifications(), base.aws());
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + id).then().statusCode(200);

        // us-east-1 is heard first (one partition per target: in this order): then eu-west-1 failing is 1 of 2.
        topics.publish(Topics.HEALTH, probe(id, "us-east-1", true));
        topics.publish(Topics.HEALTH, probe(id, "eu-west-1", false));
        await().atMost(WAIT).until(() -> detection.evidence(id).containsKey("location.us-east-1")
                && detection.evidence(id).containsKey("location.eu-west-1"));
        assertThat(detection.verdict(id)).as("one of two probe locations failing is no majority").isNotEqualTo(Verdict.DOWN);

        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(payload("firing", id, "f00d" + id.hashCode()))
                .when().post("/signals/alertmanager").then().statusCode(202).body("accepted", equalTo(1));
        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(id), 1, WAIT).get(0).data();
        assertThat(opened.evidence()).containsKey("location.alertmanager");
        var signal = topics.await(Topics.HEALTH, ProbeResult.class, r -> r.targetId().equals(id) && "alertmanager".equals(r.location()), 1, WAIT)
                .get(0).data();
        assertThat(signal.errorClass()).isEqualTo(ProbeResult.ErrorClass.SIGNAL);
        assertThat(signal.detail()).isEqualTo("HighErrorRate: 5xx above 5%");

        // Alertmanager repeats a firing alert: the same result id, counted once (no second incident, same result id).
        post(payload("firing", id, "f00d" + id.hashCode()), 202);
        var both = topics.await(Topics.HEALTH, ProbeResult.class, r -> r.targetId().equals(id) && "alertmanager".equals(r.location()), 2, WAIT);
        assertThat(both.get(0).data().id()).isEqualTo(both.get(1).data().id());

        post(payload("resolved", id, "f00d" + id.hashCode()), 202);
        topics.publish(Topics.HEALTH, probe(id, "eu-west-1", true));
        topics.await(Topics.INCIDENTS, IncidentEvent.IncidentResolved.class, e -> e.incidentId().equals(opened.incidentId()), 1, WAIT);
        assertThat(topics.readAll(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class).stream().filter(e -> e.data().targetId().equals(id)))
                .hasSize(1);
    }

    @Test
    void bad_or_unauthenticated_input_is_refused_and_targets_that_take_no_signals_are_ignored() {
        given().contentType(ContentType.JSON).body(payload("firing", "x", "f1")).when().post("/signals/alertmanager").then().statusCode(401);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(payload("burning", "x", "f1"))
                .when().post("/signals/alertmanager").then().statusCode(400).body(containsString("alerts[0].status"));
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body("{\"alerts\": 3}")
                .when().post("/signals/alertmanager").then().statusCode(400).body(containsString("alerts"));
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body("{not json")
                .when().post("/signals/alertmanager").then().statusCode(400).body(containsString("not valid JSON"));
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(payload("firing", "x", "f1").replace("\"2026-12-02T10:00:00Z\"", "\"yesterday\""))
                .when().post("/signals/alertmanager").then().statusCode(400).body(containsString("alerts[0].startsAt"));
        String plain = Fixtures.uniqueId("am-plain");
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(uncheckedJson(Fixtures.target(plain, 600, 1))).when().put("/targets/" + plain).then().statusCode(200);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(payload("firing", plain, "f2"))
                .when().post("/signals/alertmanager").then().statusCode(202).body("accepted", equalTo(0))
                .body("ignored[0].reason", containsString("takes no alertmanager signals"));
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(payload("firing", "no-such-target", "f3"))
                .when().post("/signals/alertmanager").then().statusCode(202).body("ignored[0].reason", containsString("no target"));
    }

    static String uncheckedJson(TargetSpec t) {
        try {
            return Json.MAPPER.writeValueAsString(t);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
