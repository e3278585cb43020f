package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Opens an incident whose grace timer is still pending when this app stops; {@link RestartPhase2IT} follows. */
@QuarkusTest
@TestProfile(RestartPhase1Profile.class)
class RestartPhase1IT {

    static final long GRACE_SECONDS = 12;

    @Test
    void stores_a_pending_grace_timer_for_a_new_incident() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("restart"), GRACE_SECONDS, 1);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
        try (TestTopics topics = new TestTopics()) {
            topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
            var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1,
                    Duration.ofSeconds(30)).get(0).data();
            try (var c = SharedDatabaseResource.connect();
                    var st = c.prepareStatement("SELECT kind FROM timers WHERE incident_id = ?")) {
                st.setString(1, opened.incidentId());
                var rs = st.executeQuery();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("GRACE");
            }
            System.setProperty("policytest.restart.incident", opened.incidentId());
            System.setProperty("policytest.restart.phase1-ended", Instant.now().toString());
        }
    }
}
