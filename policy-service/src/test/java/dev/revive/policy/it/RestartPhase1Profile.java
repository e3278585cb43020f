package dev.revive.policy.it;

import java.util.List;

import dev.revive.testkit.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** First life of the service over the shared database (profiles run in name order: Phase1 before Phase2). */
public class RestartPhase1Profile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(SharedDatabaseResource.class));
    }
}
