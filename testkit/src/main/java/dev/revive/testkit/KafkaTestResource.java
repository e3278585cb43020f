package dev.revive.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the real broker: {@code kafka.bootstrap.servers} and the same for every channel.
 * The broker lives as long as the test JVM, shared by every test class in it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", RealKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared across test classes; it stops when the JVM exits.
    }
}
