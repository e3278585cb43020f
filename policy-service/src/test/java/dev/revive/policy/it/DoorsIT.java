package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.revive.common.envelope.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Doors closed: every read needs a key, roles decide what a key may do, and only admin reads secrets. */
@QuarkusTest
@TestProfile(DoorsProfile.class)
class DoorsIT {

    static final String VIEWER = "Bearer test-viewer-key";

    static ObjectNode withSecrets(String id) {
        ObjectNode t = Json.MAPPER.valueToTree(Fixtures.target(id, 0, 1));
        ObjectNode probe = (ObjectNode) t.get("probe");
        probe.put("url", "https://probe:hunter2@" + id + ".example.com/health?token=s3cret");
        probe.putObject("headers").put("Authorization", "Bearer probe-secret").put("X-Api-Key", "key-secret");
        var routes = t.putArray("notifications");
        routes.addObject().put("channel", "SLACK").put("to", "https://hooks.slack.com/services/T000/B000/slack-secret");
        routes.addObject().put("channel", "WEBHOOK").put("to", "https://hooks.example.com/revive?sig=webhook-secret");
        routes.addObject().put("channel", "EMAIL").put("to", "ops@example.com");
        return t;
    }

    @Test
    void reads_need_a_key_unless_anonymous_reads_are_on() {
        given().when().get("/targets").then().statusCode(401);
        given().when().get("/incidents").then().statusCode(401);
        given().when().get("/silences").then().statusCode(401);
        given().when().get("/drills").then().statusCode(401);
        given().header("Authorization", VIEWER).when().get("/targets").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void a_viewer_reads_an_operator_writes_and_only_an_admin_administers() {
        String id = Fixtures.uniqueId("roles");
        String body = withSecrets(id).toString();
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(body).when().post("/targets").then().statusCode(403);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body("{\"tag\":\"x\"}").when().post("/silences")
                .then().statusCode(403);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(body).when().post("/targets")
                .then().statusCode(201);
        given().header("Authorization", VIEWER).when().get("/targets/" + id).then().statusCode(200);
        given().header("Authorization", VIEWER).when().post("/admin/projections/rebuild").then().statusCode(403);
        given().header("Authorization", Fixtures.OPERATOR).when().post("/admin/projections/rebuild").then().statusCode(403);
        given().header("Authorization", Fixtures.ADMIN).when().post("/admin/projections/rebuild").then().statusCode(200);
        given().header("Authorization", VIEWER).when().delete("/targets/" + id).then().statusCode(403);
        given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + id).then().statusCode(204);
    }

    @Test
    void secrets_are_redacted_for_anyone_but_admin() {
        String id = Fixtures.uniqueId("redact");
        String created = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(withSecrets(id).toString())
                .when().post("/targets").then().statusCode(201).extract().asString();
        List<String> secrets = List.of("hunter2", "s3cret", "probe-secret", "key-secret", "slack-secret", "webhook-secret");
        assertThat(created).doesNotContain(secrets);
        for (String key : List.of(VIEWER, Fixtures.OPERATOR)) {
            String one = given().header("Authorization", key).when().get("/targets/" + id).then().statusCode(200).extract().asString();
            String all = given().header("Authorization", key).when().get("/targets").then().statusCode(200).extract().asString();
            assertThat(one).doesNotContain(secrets);
            assertThat(all).doesNotContain(secrets).contains(id);
            JsonPath shown = JsonPath.from(one);
            assertThat(shown.getMap("probe.headers")).isEqualTo(Map.of("Authorization", "<redacted>", "X-Api-Key", "<redacted>"));
            assertThat(shown.getString("probe.url")).isEqualTo("https://<redacted>@" + id + ".example.com/health?<redacted>");
            assertThat(shown.getList("notifications.to")).containsExactly("https://hooks.slack.com/<redacted>",
                    "https://hooks.example.com/<redacted>", "ops@example.com");
        }
        String admin = given().header("Authorization", Fixtures.ADMIN).when().get("/targets/" + id).then().statusCode(200).extract().asString();
        assertThat(admin).contains(secrets);
        given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + id).then().statusCode(204);
    }

    @Test
    void a_redacted_value_written_back_is_refused() {
        String id = Fixtures.uniqueId("back");
        ObjectNode t = withSecrets(id);
        ((ObjectNode) t.get("probe").get("headers")).put("Authorization", "<redacted>");
        List<Map<String, String>> v = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(t.toString())
                .when().put("/targets/" + id).then().statusCode(400).extract().jsonPath().getList("violations");
        assertThat(v).extracting(m -> m.get("field")).containsExactly("probe.headers.Authorization");
    }

    @Test
    void loopback_targets_are_refused_unless_the_operator_allows_them() {
        String id = Fixtures.uniqueId("loop");
        for (String url : List.of("http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/")) {
            ObjectNode t = Json.MAPPER.valueToTree(Fixtures.target(id, 0, 1));
            ((ObjectNode) t.get("probe")).put("url", url);
            List<Map<String, String>> v = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                    .body(t.toString()).when().post("/targets").then().statusCode(400).extract().jsonPath().getList("violations");
            assertThat(v).extracting(m -> m.get("field")).as(url).containsExactly("probe.url");
        }
    }
}
