package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.revive.common.bus.KafkaConnection;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.policy.whatif.HealthReader;
import dev.revive.policy.whatif.WhatIfSimulator.Recorded;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** POST /targets/{id}/what-if on the real broker and database: the target's recorded results replayed through a spec. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class WhatIfIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static void register(TargetSpec t) throws Exception {
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
    }

    static TargetSpec withThreshold(TargetSpec t, int failures) {
        var d = t.detection();
        return new TargetSpec(t.id(), t.name(), t.tags(), t.probe(), t.locations(), new TargetSpec.Detection(failures,
                d.recoveryThreshold(), d.quorum(), d.windowSeconds(), d.maxEstablished(), d.tlsMinDays(), d.latencyBudgetMs(),
                d.flapChanges()), t.recovery(), t.notifications(), t.aws());
    }

    static JsonPath whatIf(String id, Object body, int status) throws Exception {
        var req = given().header("Authorization", Fixtures.OPERATOR);
        if (body != null) {
            req = req.contentType(ContentType.JSON).body(body instanceof String s ? s : Json.MAPPER.writeValueAsString(body));
        }
        return req.when().post("/targets/" + id + "/what-if?hours=1").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void the_current_spec_replays_the_real_incident_and_a_higher_threshold_would_have_opened_none() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("whatif"), 0, 2); // two failures in a row; step 1 at once
        register(t);
        Instant before = Instant.now();
        List<Envelope<ProbeResult>> sent = List.of(Fixtures.probe(t.id(), true), Fixtures.probe(t.id(), false),
                Fixtures.probe(t.id(), false), Fixtures.probe(t.id(), false));
        sent.forEach(p -> topics.publish(Topics.HEALTH, p));
        String real = await().atMost(WAIT).until(() -> given().when().get("/targets/" + t.id() + "/status").then().statusCode(200)
                .extract().jsonPath().getString("openIncident.id"), id -> id != null);

        JsonPath current = whatIf(t.id(), null, 200);

        assertThat(current.getString("spec")).isEqualTo("current");
        assertThat(current.getInt("results")).isEqualTo(4);
        assertThat(current.getInt("counted")).isEqualTo(4);
        assertThat(current.getBoolean("truncated")).isFalse();
        assertThat(Instant.parse(current.getString("window.from"))).isBefore(before);
        assertThat(Instant.parse(current.getString("window.to"))).isAfter(before);
        List<Map<String, Object>> would = current.getList("wouldHave");
        assertThat(would).hasSize(1);
        // Opened by the second failure (threshold 2), step 1 at once (grace 0), never resolved (no UP after it).
        Instant secondFailure = sent.get(2).data().startedAt();
        assertThat(Instant.parse(current.getString("wouldHave[0].openedAt"))).isEqualTo(secondFailure);
        assertThat(current.getString("wouldHave[0].severity")).isEqualTo("CRITICAL");
        assertThat(current.getString("wouldHave[0].reason")).startsWith("CONNECTION_REFUSED");
        assertThat(current.getList("wouldHave[0].steps.action")).containsExactly("exec");
        assertThat(Instant.parse(current.getString("wouldHave[0].steps[0].at"))).isEqualTo(secondFailure);
        assertThat(current.getString("wouldHave[0].resolvedAt")).isNull();
        assertThat(current.getList("did.id")).containsExactly(real);
        assertThat(current.getString("did[0].phase")).isNotEqualTo("RESOLVED");
        assertThat(current.getString("did[0].openedAt")).isNotNull();
        assertThat(current.getList("did[0].steps.step")).containsExactly(1); // the real step 1, beside the simulated one
        assertThat(current.getList("assumptions")).isNotEmpty();

        JsonPath edited = whatIf(t.id(), withThreshold(t, 5), 200);

        assertThat(edited.getString("spec")).isEqualTo("edited");
        assertThat(edited.getInt("results")).isEqualTo(4);
        assertThat(edited.getList("wouldHave")).isEmpty();
        assertThat(edited.getList("did.id")).containsExactly(real);
    }

    @Test
    void the_what_if_is_for_operators_with_a_valid_spec_a_known_target_and_a_window_of_1_to_168_hours() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("whatif-doors"), 60, 3);
        register(t);

        given().header("Authorization", "Bearer test-viewer-key").when().post("/targets/" + t.id() + "/what-if")
                .then().statusCode(403);
        given().when().post("/targets/" + t.id() + "/what-if").then().statusCode(401);
        for (String hours : List.of("0", "169", "two")) {
            assertThat(given().header("Authorization", Fixtures.OPERATOR).when().post("/targets/" + t.id() + "/what-if?hours=" + hours)
                    .then().statusCode(400).extract().jsonPath().getString("violations[0].field")).isEqualTo("hours");
        }
        whatIf("no-such-target", null, 404);
        whatIf(t.id(), withThreshold(t, 0), 400);
        whatIf(t.id(), "{\"detection\": {\"failureTreshold\": 5}}", 400);
        assertThat(given().header("Authorization", Fixtures.OPERATOR).when().post("/targets/" + t.id() + "/what-if")
                .then().statusCode(200).extract().jsonPath().getList("wouldHave")).isEmpty(); // default window, no results
    }

    @Test
    void the_reader_starts_at_the_time_asked_keeps_only_the_target_and_stops_at_its_bound() {
        String id = Fixtures.uniqueId("whatif-read");
        topics.publish(Topics.HEALTH, Fixtures.probe(id, true));
        topics.publish(Topics.HEALTH, Fixtures.probe(id, true));
        Instant from = Instant.now().plusMillis(1);
        while (!Instant.now().isAfter(from)) {
            Thread.onSpinWait(); // the records below are written after `from`, the two above before it
        }
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var p = Fixtures.probe(id, false);
            later.add(p.id());
            topics.publish(Topics.HEALTH, p);
            topics.publish(Topics.HEALTH, Fixtures.probe(id + "-other", false)); // another key: maybe the same partition
        }
        HealthReader reader = new HealthReader(KafkaConnection.plaintext(bootstrap));

        List<Recorded> all = new ArrayList<>();
        HealthReader.Read whole = reader.read(id, from, new HealthReader.Limits(100, Duration.ofSeconds(20)), all::add);
        List<Recorded> some = new ArrayList<>();
        HealthReader.Read bounded = reader.read(id, from, new HealthReader.Limits(2, Duration.ofSeconds(20)), some::add);

        assertThat(whole.truncated()).isNull();
        assertThat(all).extracting(r -> r.result().id()).containsExactlyElementsOf(later);
        assertThat(all).allSatisfy(r -> assertThat(r.writtenAt()).isAfterOrEqualTo(from.truncatedTo(ChronoUnit.MILLIS)));
        assertThat(bounded.truncated()).isEqualTo("at most 2 results");
        assertThat(some).extracting(r -> r.result().id()).containsExactlyElementsOf(later.subList(0, 2));
    }
}
