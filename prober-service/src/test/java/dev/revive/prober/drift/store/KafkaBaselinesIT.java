package dev.revive.prober.drift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.ProbeResult.ErrorClass;
import dev.revive.prober.probe.HttpProber;
import dev.revive.prober.probe.LocalServers;
import dev.revive.prober.probe.ProbeOptions;
import dev.revive.prober.probe.Probes;
import dev.revive.prober.probe.TcpProber;
import dev.revive.prober.publish.KafkaProducers;
import dev.revive.prober.schedule.ProbeRunner;
import dev.revive.prober.schedule.TargetState;
import dev.revive.testkit.RealKafka;
import io.vertx.core.Vertx;

/** Drift baselines on {@code revive.baselines}, on the real broker: they outlive a prober and follow its targets. */
class KafkaBaselinesIT {

    private static Vertx vertx;
    private static HttpProber http;
    private static TcpProber tcp;
    private static KafkaProducer<String, byte[]> producer;
    private static LocalServers.Server site;
    private static final AtomicReference<String> page = new AtomicReference<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        http = new HttpProber(vertx, ProbeOptions.defaults().withAddresses(Probes.LOCAL));
        tcp = new TcpProber(vertx, Probes.LOCAL);
        producer = KafkaProducers.create(RealKafka.bootstrapServers(), "test-baselines");
        site = LocalServers.http(vertx, req -> req.response().end(page.get()));
    }

    @AfterAll
    static void stop() {
        site.close();
        producer.close();
        http.close();
        tcp.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static KafkaBaselines store(String location, String prober) {
        KafkaBaselines b = new KafkaBaselines(RealKafka.bootstrapServers(), location, prober, producer).start();
        await().atMost(Duration.ofSeconds(60)).until(b::ready);
        return b;
    }

    private static ProbeResult probe(ProbeRunner runner, TargetState s) {
        return runner.run(s).toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static String shop(String headline) {
        return "<html><h1>" + headline + "</h1>" + "<p>Fresh bread every morning, cakes on Sundays.</p>".repeat(40) + "</html>";
    }

    @Test
    void a_baseline_outlives_its_prober_and_is_used_by_the_next_one_of_the_same_location_only() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String location = "base-" + run;
        var target = Probes.target("drift-" + run, Probes.drift(site.url("http", "/"), 64, 0.05, 60_000));

        page.set(shop("Welcome"));
        KafkaBaselines first = store(location, "p1");
        ProbeResult armed = probe(new ProbeRunner(http, tcp, location, "p1", first), new TargetState(target, 0));
        assertThat(armed.detail()).contains("drift baseline taken");
        first.close();
        producer.flush();

        // The page is defaced while no prober runs; the next prober (a restart, or the one that takes the target
        // over) must compare with the old baseline, not take the defaced page as a new one.
        page.set(shop("HACKED BY NOBODY") + "<script>evil()</script>".repeat(40));
        KafkaBaselines second = store(location, "p2");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.get(target.id()) != null);
            ProbeResult after = probe(new ProbeRunner(http, tcp, location, "p2", second), new TargetState(target, 0));
            assertThat(after.detail()).contains("drift baseline restored").contains("by p1");
            assertThat(after.errorClass()).isEqualTo(ErrorClass.CONTENT_DRIFT);
            assertThat(after.drift().changedFraction()).isGreaterThan(0.05);
        } finally {
            second.close();
        }

        KafkaBaselines elsewhere = store("other-" + run, "p3");
        try {
            assertThat(elsewhere.get(target.id())).as("each location keeps its own baselines").isNull();
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void a_dropped_baseline_is_gone_for_the_next_prober() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String location = "drop-" + run;
        var target = Probes.target("gone-" + run, Probes.drift(site.url("http", "/"), 64, 0.05, 60_000));
        page.set(shop("Welcome"));
        KafkaBaselines first = store(location, "p1");
        probe(new ProbeRunner(http, tcp, location, "p1", first), new TargetState(target, 0));
        KafkaBaselines second = store(location, "p2");
        await().atMost(Duration.ofSeconds(30)).until(() -> second.get(target.id()) != null);
        second.close();

        first.drop(target.id()); // what a deleted target or a re-arm does
        first.close();
        producer.flush();
        KafkaBaselines third = store(location, "p3");
        try {
            assertThat(third.get(target.id())).isNull();
            ProbeResult fresh = probe(new ProbeRunner(http, tcp, location, "p3", third), new TargetState(target, 0));
            assertThat(fresh.detail()).contains("drift baseline taken");
        } finally {
            third.close();
        }
    }
}
