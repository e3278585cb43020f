package dev.revive.testkit;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The one resource a {@code @QuarkusTest} of a service names to run on the real broker and a fresh database of its
 * own on the real PostgreSQL: {@code @QuarkusTestResource(value = RealInfrastructureResource.class,
 * restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "actuator"))}. A service with
 * no database names {@link KafkaTestResource} alone.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private final KafkaTestResource kafka = new KafkaTestResource();
    private final PostgresTestResource postgres = new PostgresTestResource();

    @Override
    public void init(Map<String, String> initArgs) {
        postgres.init(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(kafka.start());
        config.putAll(postgres.start());
        return config;
    }

    @Override
    public void stop() {
        kafka.stop();
        postgres.stop();
    }
}
