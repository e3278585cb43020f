package dev.revive.policy.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import dev.revive.common.bus.KafkaConnection;
import io.vertx.core.Vertx;

/** The what-if reads the one partition a target's results are on, and never on an event loop. */
class WhatIfHealthReaderTest {

    @Test
    void a_target_is_read_from_the_partition_the_producer_writes_its_key_to() {
        int moved = 0;
        for (int partitions : new int[] {1, 3, 6, 12}) {
            for (int i = 0; i < 1_000; i++) {
                String key = "target-" + i;
                int expected = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
                assertThat(HealthReader.partitionOf(key, partitions)).as(key + " of " + partitions).isEqualTo(expected);
                moved += expected == 0 ? 0 : 1;
            }
        }
        assertThat(moved).as("keys spread over the partitions (not all on 0)").isGreaterThan(2_000);
    }

    @Test
    void the_blocking_read_refuses_to_run_on_an_event_loop() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            vertx.runOnContext(x -> {
                try {
                    new HealthReader(KafkaConnection.plaintext("127.0.0.1:1")).read("web-1", Instant.now(),
                            new HealthReader.Limits(10, Duration.ofSeconds(1)), r -> { });
                    failed.complete(null);
                } catch (RuntimeException e) {
                    failed.complete(e);
                }
            });
            assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event loop");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
