package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The targets registry over REST: validation naming the field, publication, tombstones, YAML import. */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class TargetsApiIT {

    @Test
    void a_target_without_a_probe_is_refused_naming_the_field() {
        List<Map<String, String>> v = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body("{\"id\":\"no-probe\"}").when().post("/targets").then().statusCode(400).extract().jsonPath()
                .getList("violations");
        assertThat(v).extracting(m -> m.get("field")).contains("probe");
    }

    @Test
    void an_unparseable_field_is_refused_naming_its_path() {
        String body = "{\"id\":\"bad-kind\",\"probe\":{\"kind\":\"PING\",\"url\":\"https://x.example.com\"}}";
        List<Map<String, String>> v = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(body).when().post("/targets").then().statusCode(400).extract().jsonPath().getList("violations");
        assertThat(v).extracting(m -> m.get("field")).containsExactly("probe.kind");
    }

    @Test
    void writing_a_target_needs_an_api_key() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("anon"), 0, 1);
        given().contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t)).when().put("/targets/" + t.id())
                .then().statusCode(401);
        given().header("Authorization", "Bearer wrong-key").contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(401);
        given().when().get("/targets/" + t.id()).then().statusCode(404);
    }

    @Test
    void a_created_target_is_published_and_its_deletion_publishes_a_tombstone() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("crud"), 0, 1);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().post("/targets").then().statusCode(201);
        given().when().get("/targets/" + t.id()).then().statusCode(200);
        try (TestTopics topics = new TestTopics()) {
            var published = topics.await(Topics.TARGETS, TargetSpec.class, s -> s.id().equals(t.id()), 1, Duration.ofSeconds(30));
            assertThat(published.get(0).subject()).isEqualTo(t.id());
            given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + t.id()).then().statusCode(204);
            var tomb = TestTopics.awaitRecord(Topics.TARGETS, t.id(), r -> r.value() == null);
            assertThat(tomb.value()).isNull();
        }
        given().when().get("/targets/" + t.id()).then().statusCode(404);
    }

    @Test
    void a_yaml_file_imports_every_target_and_a_bad_entry_is_named_by_its_index() {
        String a = Fixtures.uniqueId("yaml");
        String b = Fixtures.uniqueId("yaml");
        String yaml = """
                targets:
                  - id: %s
                    probe: { kind: HTTP, url: "https://a.example.com/" }
                  - id: %s
                    probe: { kind: TCP, host: b.example.com, port: 22 }
                    recovery:
                      graceSeconds: 0
                      steps:
                        - action: exec
                          params: { command: restart-sshd }
                """.formatted(a, b);
        given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when()
                .post("/targets/import").then().statusCode(200);
        given().when().get("/targets/" + b).then().statusCode(200);

        String bad = """
                - id: ok-one
                  probe: { kind: HTTP, url: "https://a.example.com/" }
                - id: bad-one
                  probe: { kind: HTTP, url: "not a url" }
                """;
        List<Map<String, String>> v = given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml").body(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/targets/import").then().statusCode(400).extract().jsonPath().getList("violations");
        assertThat(v).extracting(m -> m.get("field")).containsExactly("targets[1].probe.url");
        given().when().get("/targets/ok-one").then().statusCode(404);
    }
}
