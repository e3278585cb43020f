package dev.revive.prober;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.Probes;
import dev.revive.testkit.RealKafka;
import dev.revive.testkit.SecureKafkaTestResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * The prober on the SASL listener as its own Kafka user {@code prober}, with the broker's ACLs on: its channels and
 * the clients it creates itself (targets consumer, baselines consumer, results producer) all authenticate.
 */
@QuarkusTest
@TestProfile(ProberOnTheSecureBusIT.AsProber.class)
class ProberOnTheSecureBusIT {

    public static class AsProber implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecureKafkaTestResource.class, Map.of("user", "prober")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "kafka.security.protocol")
    String protocol;

    private static Vertx vertx;
    private static LocalServers.Server site;
    static final TestTopics topics = TestTopics.shared();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        site = LocalServers.http(vertx, req -> req.response().end("ok"));
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void runs_on_the_sasl_listener_and_is_ready() {
        assertThat(bootstrap).isEqualTo(RealKafka.secure().bootstrapServers());
        assertThat(protocol).isEqualTo("SASL_PLAINTEXT");
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void probes_a_published_target_and_publishes_its_results() {
        String id = "sasl-" + UUID.randomUUID().toString().substring(0, 8);
        TargetSpec t = Probes.target(id, Probes.http(site.url("http", "/ok"), 2_000, 200));
        topics.publish(Topics.TARGETS, Envelope.of(t, "/revive/test", t.id()));
        List<Envelope<ProbeResult>> got = topics.await(Topics.HEALTH, ProbeResult.class, r -> r.targetId().equals(id), 2,
                Duration.ofSeconds(60));
        assertThat(got).allSatisfy(e -> assertThat(e.data().outcome()).isEqualTo(ProbeResult.Outcome.UP));
        topics.tombstone(Topics.TARGETS, id);
    }
}
