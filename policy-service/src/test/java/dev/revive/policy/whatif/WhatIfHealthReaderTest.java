package dev.revive.policy.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The what-if reads the one partition a target's results are on: the producer's own choice for its key. */
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
}
