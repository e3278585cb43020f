package dev.revive.policy.it;

import java.util.List;
import java.util.Map;

import dev.revive.testkit.KafkaTestResource;
import dev.revive.testkit.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The real broker and a fresh database on the real PostgreSQL: one app for every test class under this profile. */
public class PolicyTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class),
                new TestResourceEntry(PostgresTestResource.class, Map.of("database", "policy")));
    }
}
