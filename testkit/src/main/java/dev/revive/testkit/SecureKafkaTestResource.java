package dev.revive.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the test broker's SASL listener and one principal's credentials, so the service runs
 * with the rights its ACLs give it and no more:
 * {@code @QuarkusTestResource(value = SecureKafkaTestResource.class, initArgs = @ResourceArg(name = "user", value = "notifier"))}.
 * Sets the same {@code kafka.*} properties the services read from {@code KAFKA_SECURITY_PROTOCOL},
 * {@code REVIVE_KAFKA_USERNAME} and {@code REVIVE_KAFKA_PASSWORD}.
 */
public class SecureKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private String user;

    @Override
    public void init(Map<String, String> initArgs) {
        user = initArgs.get("user");
        if (user == null) {
            throw new IllegalArgumentException("SecureKafkaTestResource needs initArgs user=<principal>");
        }
    }

    @Override
    public Map<String, String> start() {
        SecureKafka bus = RealKafka.secure();
        return Map.of("kafka.bootstrap.servers", bus.bootstrapServers(),
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", bus.as(user).security().get("sasl.jaas.config"));
    }

    @Override
    public void stop() {
        // Shared across test classes; the broker stops when the JVM exits.
    }
}
