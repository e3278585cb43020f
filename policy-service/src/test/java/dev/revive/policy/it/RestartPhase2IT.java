package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A fresh app over the same database: the grace timer stored by {@link RestartPhase1IT} fires, once. */
@QuarkusTest
@TestProfile(RestartPhase2Profile.class)
class RestartPhase2IT {

    @Test
    void a_grace_timer_stored_before_a_restart_fires_once_after_it() {
        String incidentId = System.getProperty("policytest.restart.incident");
        assertThat(incidentId).as("RestartPhase1IT must run first (profiles run in name order)").isNotNull();
        Instant phase1Ended = Instant.parse(System.getProperty("policytest.restart.phase1-ended"));

        try (TestTopics topics = new TestTopics()) {
            RecoveryCommand cmd = topics.await(Topics.COMMANDS, RecoveryCommand.class, c -> c.incidentId().equals(incidentId), 1,
                    Duration.ofSeconds(60)).get(0).data();
            assertThat(cmd.issuedAt()).as("issued by the second app, after the first one stopped").isAfter(phase1Ended);
            Fixtures.ACTUATOR_VERIFIER.verify(cmd);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    given().when().get("/incidents/" + incidentId).then().statusCode(200).extract().jsonPath().getString("phase"))
                    .isEqualTo("RUNNING"));
            // Everything the incident caused has left the outbox before the commands are counted.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (var c = SharedDatabaseResource.connect(); var st = c.createStatement()) {
                    var rs = st.executeQuery("SELECT count(*) FROM outbox");
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            });
            assertThat(topics.readAll(Topics.COMMANDS, RecoveryCommand.class).stream()
                    .filter(e -> e.data().incidentId().equals(incidentId))).hasSize(1);
            var steps = given().when().get("/incidents/" + incidentId).then().extract().jsonPath()
                    .getList("timeline.type", String.class).stream().filter(s -> s.endsWith("step-started.v1")).count();
            assertThat(steps).isEqualTo(1);
        }
    }
}
