package dev.revive.policy.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.policy.detection.DetectionService;
import dev.revive.policy.detection.WarningService;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.policy.outbox.Outbox;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A target another replica created (its row, then its record on revive.targets) is known here and acted on. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class ReplicasAgreeIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Inject
    TargetRegistry registry;
    @Inject
    DetectionService detection;
    @Inject
    WarningService warnings;
    @Inject
    Pool pool;

    /** What another replica's upsert writes: the row, and (through its outbox) the record. */
    void writtenByAnotherReplica(TargetSpec t) throws Exception {
        pool.preparedQuery("INSERT INTO targets (id, spec) VALUES ($1, CAST($2 AS jsonb))")
                .execute(Tuple.of(t.id(), Json.MAPPER.writeValueAsString(t))).await().atMost(WAIT);
        topics.publish(Topics.TARGETS, Envelope.of(UUID.randomUUID().toString(), t, Outbox.SOURCE, t.id(), Instant.now()));
    }

    static TargetSpec withLatencyBudget(TargetSpec t) {
        var d = t.detection();
        return new TargetSpec(t.id(), t.name(), t.tags(), t.probe(), t.locations(), new Detection(d.failureThreshold(),
                d.recoveryThreshold(), d.quorum(), d.windowSeconds(), d.maxEstablished(), d.tlsMinDays(), 5_000L, d.flapChanges()),
                t.recovery(), t.notifications(), t.aws(), t.drill());
    }

    @Test
    void a_target_created_on_another_replica_gets_an_incident_here_and_its_deletion_drops_its_state() throws Exception {
        TargetSpec t = withLatencyBudget(Fixtures.target(Fixtures.uniqueId("elsewhere"), 0, 1));
        writtenByAnotherReplica(t);
        await().atMost(WAIT).until(() -> registry.get(t.id()) != null);

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.targetId().equals(t.id()), 1, WAIT);
        assertThat(detection.tracks(t.id())).isTrue();
        assertThat(warnings.tracks(t.id())).isTrue();

        // Deleted by the other replica: its row, then its tombstone.
        pool.preparedQuery("DELETE FROM targets WHERE id = $1").execute(Tuple.of(t.id())).await().atMost(WAIT);
        topics.tombstone(Topics.TARGETS, t.id());
        await().atMost(WAIT).until(() -> registry.get(t.id()) == null);
        assertThat(detection.tracks(t.id())).isFalse();
        assertThat(warnings.tracks(t.id())).isFalse();
    }

    @Test
    void a_target_deleted_here_drops_its_detection_state() throws Exception {
        TargetSpec t = withLatencyBudget(Fixtures.target(Fixtures.uniqueId("deleted-here"), 0, 3));
        given().header("Authorization", Fixtures.OPERATOR).contentType("application/json").body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        await().atMost(WAIT).until(() -> detection.tracks(t.id()) && warnings.tracks(t.id()));

        given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + t.id()).then().statusCode(204);
        assertThat(detection.tracks(t.id())).isFalse();
        assertThat(warnings.tracks(t.id())).isFalse();
    }
}
