package dev.revive.prober;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.Outcome;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.Probes;
import dev.revive.testkit.KafkaTestResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Retries after a failed probe, end to end: a target in on revive.targets with a 30 s interval and a 200 ms retry
 * interval, against a local server answering 503; the results out on revive.health are ordinary ones, three of them
 * well before the second regular turn.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class RetriesThroughKafkaIT {

    private static Vertx vertx;
    private static LocalServers.Server site;
    private static final AtomicInteger status = new AtomicInteger(503);
    static final TestTopics topics = TestTopics.shared();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        site = LocalServers.http(vertx, req -> req.response().setStatusCode(status.get()).end("status " + status.get()));
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static List<ProbeResult> results(String targetId) {
        return topics.readAll(Topics.HEALTH, ProbeResult.class).stream().map(Envelope::data)
                .filter(r -> r.targetId().equals(targetId)).toList();
    }

    @Test
    void three_failures_reach_health_within_seconds_then_back_off_and_after_recovery_the_interval_is_normal() {
        String id = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        TargetSpec t = Probes.target(id, Probes.withRetry(Probes.http(site.url("http", "/health"), 2_000, 30_000), 200L));
        try {
            topics.publish(Topics.TARGETS, Envelope.of(t, "/revive/test", id));
            // The first turn comes at a random point of the first 30 s (after the assignment).
            topics.await(Topics.HEALTH, ProbeResult.class, r -> r.targetId().equals(id), 1, Duration.ofSeconds(60));

            // The second regular turn is 27-33 s after the first: three failures within 10 s are retries.
            List<Envelope<ProbeResult>> three = topics.await(Topics.HEALTH, ProbeResult.class, r -> r.targetId().equals(id), 3,
                    Duration.ofSeconds(10));
            assertThat(three).allSatisfy(e -> {
                assertThat(e.subject()).isEqualTo(id);
                assertThat(e.data().outcome()).isEqualTo(Outcome.DOWN);
                assertThat(e.data().statusCode()).isEqualTo(503);
            });
            assertThat(three).extracting(e -> e.data().seq()).containsExactly(1L, 2L, 3L);

            // Past the threshold (3) the gaps double: 0.4, 0.8, 1.6, 3.2, 6.4 s; the 7th result about 6.4 s after the
            // first, the 8th 6.4 s later. At 200 ms all along, 4 s would bring about 20 more.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> results(id).size() >= 7);
            int seven = results(id).size();
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(500))
                    .until(() -> results(id).size() <= seven + 1);

            // Recovery: the next probe (a backed-off retry or the regular turn) is UP, and then no retry follows.
            status.set(200);
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                    .until(() -> results(id).getLast().outcome() == Outcome.UP);
            int recovered = results(id).size();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> results(id).size() == recovered);
        } finally {
            status.set(503);
            topics.tombstone(Topics.TARGETS, id);
        }
    }
}
