package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The hold/ack links of a notification work while their incident is open, and are spent once it is resolved. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class LinkTokensIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Test
    void the_links_of_a_resolved_incident_answer_410_and_change_nothing() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("spent"), 600, 1);
        LadderEndToEndIT.register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        NotificationRequest opened = topics.await(Topics.NOTIFICATIONS, NotificationRequest.class,
                n -> n.targetId().equals(t.id()) && n.kind() == Kind.OPENED, 1, WAIT).get(0).data();
        String hold = URI.create(opened.links().get("hold")).getPath();
        String ack = URI.create(opened.links().get("ack")).getPath();
        given().when().get(hold).then().statusCode(200);

        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body("{\"reason\":\"fixed by hand\"}")
                .when().post("/incidents/" + opened.incidentId() + "/resolve").then().statusCode(200);

        assertThat(given().when().get(hold).then().statusCode(410).extract().jsonPath().getString("error"))
                .contains(opened.incidentId()).contains("resolved").contains("no longer works");
        given().when().post(hold).then().statusCode(410);
        given().when().post(ack).then().statusCode(410);
        var detail = given().when().get("/incidents/" + opened.incidentId()).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getBoolean("held")).isFalse();
        assertThat(detail.getString("ackedBy")).isNull();
    }
}
