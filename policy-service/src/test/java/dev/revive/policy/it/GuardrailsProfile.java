package dev.revive.policy.it;

import java.util.List;
import java.util.Map;

import dev.revive.testkit.KafkaTestResource;
import dev.revive.testkit.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The watchdog on with short bounds (a location is silent after 3 intervals of 1 s plus 1 s), and a blast-radius guard
 * that any DOWN trips. Its own database: targets of other classes that never get probes would warn here.
 */
public class GuardrailsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("revive.watchdog.enabled", "true", "revive.watchdog.slack", "PT1S",
                "revive.watchdog.sweep-interval", "PT0.2S", "revive.watchdog.missed-intervals", "3",
                "revive.guard.blast-radius-min-targets", "1", "revive.guard.blast-radius-share", "0");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class),
                new TestResourceEntry(PostgresTestResource.class, Map.of("database", "guardrails")));
    }
}
