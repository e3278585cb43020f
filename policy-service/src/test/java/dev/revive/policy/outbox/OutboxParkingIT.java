package dev.revive.policy.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.TestTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A row the broker can never take is parked; the rows after it still go out; an admin lists and clears it. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class OutboxParkingIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Inject
    Pool pool;
    @Inject
    MeterRegistry metrics;

    @Test
    void a_record_too_large_for_the_broker_is_parked_and_the_outbox_keeps_draining() throws Exception {
        String key = Fixtures.uniqueId("huge");
        String ceId = UUID.randomUUID().toString();
        // 3 MB: above the producer's max.request.size (1 MB), as the 5 MB target name was.
        byte[] huge = ("{\"id\":\"" + key + "\",\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes();
        double parkedBefore = parkedCount();
        pool.preparedQuery("INSERT INTO outbox (topic, msg_key, ce_id, ce_type, ce_time, payload) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple(List.of(Topics.TARGETS, key, ceId, "dev.revive.target.v1", OffsetDateTime.now(),
                        Buffer.buffer(huge))))
                .await().atMost(WAIT);

        // A row written after the poisoned one is published.
        TargetSpec after = Fixtures.target(Fixtures.uniqueId("after-huge"), 0, 1);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(after))
                .when().put("/targets/" + after.id()).then().statusCode(200);
        topics.await(Topics.TARGETS, TargetSpec.class, t -> t.id().equals(after.id()), 1, WAIT);

        // Published once and deleted, not re-sent every second behind the poisoned row.
        await().atMost(WAIT).until(() -> pool.preparedQuery("SELECT count(*) FROM outbox WHERE msg_key = $1")
                .execute(Tuple.of(after.id())).await().atMost(WAIT).iterator().next().getLong(0) == 0);

        // Parked: out of the outbox, listed with its reason, counted, told to the admins.
        await().atMost(WAIT).until(() -> pool.preparedQuery("SELECT count(*) FROM outbox WHERE ce_id = $1")
                .execute(Tuple.of(ceId)).await().atMost(WAIT).iterator().next().getLong(0) == 0);
        List<Map<String, Object>> parked = given().header("Authorization", Fixtures.ADMIN).when().get("/admin/outbox/parked")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> row = parked.stream().filter(p -> ceId.equals(p.get("ceId"))).findFirst().orElseThrow();
        assertThat(row.get("topic")).isEqualTo(Topics.TARGETS);
        assertThat(row.get("key")).isEqualTo(key);
        assertThat((String) row.get("reason")).contains("RecordTooLargeException");
        assertThat(((Number) row.get("payloadBytes")).intValue()).isEqualTo(huge.length);
        assertThat(parkedCount()).isEqualTo(parkedBefore + 1);
        NotificationRequest notice = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> "revive.outbox".equals(n.targetId()) && n.summary().contains("row " + row.get("id")), 1, WAIT).get(0).data();
        assertThat(notice.kind()).isEqualTo(NotificationRequest.Kind.WARNING);
        assertThat(notice.recipients()).extracting(NotificationRequest.Recipient::to).containsExactly("ops@example.com");

        // Cleared by an admin only.
        long id = ((Number) row.get("id")).longValue();
        given().header("Authorization", Fixtures.OPERATOR).when().delete("/admin/outbox/parked/" + id).then().statusCode(403);
        given().header("Authorization", Fixtures.ADMIN).when().delete("/admin/outbox/parked/" + id).then().statusCode(204);
        given().header("Authorization", Fixtures.ADMIN).when().delete("/admin/outbox/parked/" + id).then().statusCode(404);
        List<Map<String, Object>> left = given().header("Authorization", Fixtures.ADMIN).when().get("/admin/outbox/parked")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(left).noneMatch(p -> ceId.equals(p.get("ceId")));
    }

    private double parkedCount() {
        var c = metrics.find("revive.outbox.parked").tag("topic", Topics.TARGETS).counter();
        return c == null ? 0 : c.count();
    }
}
