package dev.revive.policy.it;

import java.util.List;

import dev.revive.testkit.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Second life: a fresh app over the database the first one left behind. */
public class RestartPhase2Profile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(SharedDatabaseResource.class));
    }
}
