package dev.revive.prober;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.topic.Topics;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.Probes;
import dev.revive.testkit.KafkaTestResource;
import dev.revive.testkit.RealKafka;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** The whole prober against the real broker: targets in on revive.targets, results out on revive.health. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ProbingThroughKafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Vertx vertx;
    private static LocalServers.Server site;
    private static final AtomicReference<String> page = new AtomicReference<>();
    static final TestTopics topics = TestTopics.shared();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        page.set("<html>" + "Welcome to the shop. ".repeat(40) + "</html>");
        site = LocalServers.http(vertx, req -> {
            switch (req.path()) {
                case "/500" -> req.response().setStatusCode(500).end("down");
                case "/page" -> req.response().end(page.get());
                default -> req.response().end("ok");
            }
        });
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void publish(TargetSpec t) {
        topics.publish(Topics.TARGETS, Envelope.of(t, "/revive/test", t.id()));
    }

    private static TargetSpec http(String id, String path) {
        return Probes.target(id, Probes.http(site.url("http", path), 2_000, 200));
    }

    private static List<Envelope<ProbeResult>> results(String targetId, int n) {
        return topics.await(Topics.HEALTH, ProbeResult.class, r -> r.targetId().equals(targetId), n, WAIT);
    }

    private static long count(String targetId) {
        return topics.readAll(Topics.HEALTH, ProbeResult.class).stream().filter(e -> e.data().targetId().equals(targetId)).count();
    }

    private static boolean probedHere(String targetId) {
        List<String> ids = given().header("Authorization", "Bearer test-operator-key").when().get("/probes/targets").then().statusCode(200).extract().jsonPath()
                .getList("targets.targetId", String.class);
        return ids.contains(targetId);
    }

    @Test
    void a_published_target_yields_results_on_health_keyed_by_target() {
        String id = id("pub");
        publish(http(id, "/ok"));
        List<Envelope<ProbeResult>> got = results(id, 3);
        assertThat(got).allSatisfy(e -> {
            assertThat(e.subject()).isEqualTo(id);
            assertThat(e.id()).isEqualTo(e.data().id());
            assertThat(e.data().location()).isEqualTo("qa");
            assertThat(e.data().proberId()).isNotBlank();
            assertThat(e.data().outcome()).isEqualTo(ProbeResult.Outcome.UP);
            assertThat(e.data().statusCode()).isEqualTo(200);
            assertThat(e.data().address()).isEqualTo("127.0.0.1:" + site.port());
        });
        assertThat(got.stream().map(e -> e.data().seq()).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(got.get(0).source()).startsWith("/revive/prober/qa/");
    }

    @Test
    void a_tombstone_stops_probing_the_target() {
        String id = id("del");
        String clock = id("clock");
        publish(http(id, "/ok"));
        publish(http(clock, "/ok"));
        results(id, 2);
        topics.tombstone(Topics.TARGETS, id);
        await().atMost(WAIT).until(() -> !probedHere(id));
        long after = count(id);
        long clockNow = count(clock);
        // Let the other target probe a few more times: the deleted one must not have moved meanwhile.
        results(clock, (int) clockNow + 5);
        assertThat(count(id)).isEqualTo(after);
        topics.tombstone(Topics.TARGETS, clock);
    }

    @Test
    void an_edited_target_is_probed_with_its_new_settings() {
        String id = id("edit");
        publish(http(id, "/500"));
        assertThat(results(id, 1).get(0).data().errorClass()).isEqualTo(ErrorClass.UNEXPECTED_STATUS);
        TargetSpec edited = Probes.target(id, Probes.withStatus(Probes.http(site.url("http", "/500"), 2_000, 200), List.of("500")));
        publish(edited);
        List<Envelope<ProbeResult>> up = topics.await(Topics.HEALTH, ProbeResult.class,
                r -> r.targetId().equals(id) && r.outcome() == ProbeResult.Outcome.UP, 1, WAIT);
        assertThat(up.get(0).data().statusCode()).isEqualTo(500);
        topics.tombstone(Topics.TARGETS, id);
    }

    @Test
    void a_target_for_another_location_is_not_probed_here() {
        String elsewhere = id("far");
        String here = id("near");
        publish(Probes.target(elsewhere, Probes.http(site.url("http", "/ok"), 2_000, 200), List.of("eu-west-1")));
        publish(Probes.target(here, Probes.http(site.url("http", "/ok"), 2_000, 200), List.of("qa")));
        results(here, 3);
        assertThat(count(elsewhere)).isZero();
        assertThat(probedHere(elsewhere)).isFalse();
    }

    @Test
    void a_changed_body_fails_with_content_drift_and_the_baseline_can_be_rearmed() {
        String id = id("drift");
        String original = page.get();
        TargetSpec t = Probes.target(id, Probes.drift(site.url("http", "/page"), 64, 0.3, 200));
        try {
            publish(t);
            results(id, 2);
            page.set("<html><h1>defaced</h1>" + "x".repeat(400) + "</html>");
            List<Envelope<ProbeResult>> drift = topics.await(Topics.HEALTH, ProbeResult.class,
                    r -> r.targetId().equals(id) && r.errorClass() == ErrorClass.CONTENT_DRIFT, 1, WAIT);
            ProbeResult r = drift.get(0).data();
            assertThat(r.drift()).isNotNull();
            assertThat(r.drift().changedFraction()).isGreaterThan(0.3);
            assertThat(r.drift().delta()).contains("defaced");
            assertThat(r.drift().delta().length()).isLessThanOrEqualTo(256);

            // Re-arm: the new page becomes the baseline; the next probes are UP again.
            given().header("Authorization", "Bearer test-operator-key").when().post("/probes/" + id + "/baseline").then().statusCode(200).body("outcome",
                    org.hamcrest.Matchers.equalTo("UP"));
            ProbeResult again = given().header("Authorization", "Bearer test-operator-key").when().post("/probes/" + id + "/run").then().statusCode(200).extract().as(ProbeResult.class);
            assertThat(again.errorClass()).isEqualTo(ErrorClass.NONE);
            assertThat(again.drift().changedFraction()).isZero();
        } finally {
            page.set(original);
            topics.tombstone(Topics.TARGETS, id);
        }
    }

    @Test
    void rest_lists_the_targets_probed_here_with_their_last_result() {
        String id = id("rest");
        publish(http(id, "/ok"));
        results(id, 1);
        await().atMost(WAIT).until(() -> probedHere(id));
        var json = given().header("Authorization", "Bearer test-operator-key").when().get("/probes/targets").then().statusCode(200).extract().jsonPath();
        assertThat(json.getString("location")).isEqualTo("qa");
        int i = json.getList("targets.targetId", String.class).indexOf(id);
        assertThat(json.getString("targets[" + i + "].kind")).isEqualTo("HTTP");
        assertThat(json.getString("targets[" + i + "].last.outcome")).isEqualTo("UP");
        ProbeResult now = given().header("Authorization", "Bearer test-operator-key").when().post("/probes/" + id + "/run").then().statusCode(200).extract().as(ProbeResult.class);
        assertThat(now.targetId()).isEqualTo(id);
        assertThat(now.statusCode()).isEqualTo(200);
        topics.tombstone(Topics.TARGETS, id);
    }

    @Test
    void an_unknown_target_gets_404_with_a_message() {
        given().header("Authorization", "Bearer test-operator-key").when().post("/probes/no-such-target/run").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.containsString("no-such-target"));
        given().header("Authorization", "Bearer test-operator-key").when().post("/probes/no-such-target/baseline").then().statusCode(404);
    }

    @Test
    void an_unreadable_target_record_goes_to_the_dead_letter_topic_and_probing_goes_on() {
        String bad = id("bad");
        topics.publishRaw(Topics.TARGETS, bad, "{not json".getBytes(StandardCharsets.UTF_8),
                Envelope.of(http(bad, "/ok"), "/revive/test", bad));
        String good = id("good");
        publish(http(good, "/ok"));
        results(good, 1);
        await().atMost(WAIT).until(() -> deadLetterReason(bad) != null);
        assertThat(deadLetterReason(bad)).contains("not a valid TargetSpec");
        topics.tombstone(Topics.TARGETS, good);
    }

    private static String deadLetterReason(String key) {
        var p = new java.util.Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers());
        try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            var tp = new TopicPartition(Topics.TARGETS + Topics.DLQ_SUFFIX, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        return EnvelopeCodec.text(r.headers(), EnvelopeCodec.DLQ_REASON);
                    }
                }
            }
        }
        return null;
    }
}
