package dev.revive.policy.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Bounded, strict REST input: what a person sends means exactly what it says, or it is refused with a 400 naming the
 * field (413 for a body too large to read at all), and nothing reaches the database or the bus that cannot be stored
 * or published.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class StrictInputIT {

    @TestHTTPResource("/targets")
    URI targets;

    static ObjectNode target(String id) {
        return Json.MAPPER.valueToTree(Fixtures.target(id, 0, 1));
    }

    static List<String> refused(String path, Object body) {
        return refused(path, body, 400);
    }

    static List<String> refused(String path, Object body, int status) {
        List<Map<String, String>> v = given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON)
                .body(body.toString()).when().post(path).then().statusCode(status).extract().jsonPath().getList("violations");
        return v.stream().map(m -> m.get("field")).toList();
    }

    static void absent(String id) {
        given().header("Authorization", Fixtures.ADMIN).when().get("/targets/" + id).then().statusCode(404);
    }

    @Test
    void an_unknown_field_is_refused_naming_it() {
        String id = Fixtures.uniqueId("typo");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("probe")).put("timeoutMS", 2000);
        assertThat(refused("/targets", t)).containsExactly("probe.timeoutMS");
        ObjectNode top = target(id);
        top.put("nmae", "x");
        assertThat(refused("/targets", top)).containsExactly("nmae");
        absent(id);
    }

    @Test
    void a_fraction_or_a_string_for_a_whole_number_is_refused_naming_the_field() {
        String id = Fixtures.uniqueId("coerce");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("probe")).put("timeoutMs", 1.5);
        assertThat(refused("/targets", t)).containsExactly("probe.timeoutMs");
        ((ObjectNode) t.get("probe")).put("timeoutMs", "5");
        assertThat(refused("/targets", t)).containsExactly("probe.timeoutMs");
        ObjectNode name = target(id);
        name.put("name", 42);
        assertThat(refused("/targets", name)).containsExactly("name");
        absent(id);
    }

    @Test
    void malformed_json_is_a_400() {
        assertThat(refused("/targets", "{\"id\":\"x\",")).containsExactly("$");
        assertThat(refused("/targets", "{\"id\":\"x\",\"id\":\"y\"}")).hasSize(1);
    }

    @Test
    void a_body_larger_than_the_limit_is_a_413_and_a_long_name_a_400() throws Exception {
        String id = Fixtures.uniqueId("big");
        ObjectNode t = target(id);
        t.put("name", "x".repeat(5 * 1024 * 1024));
        // Expect: 100-continue, as curl sends for a large body: the server answers before the body is sent, and closes.
        HttpResponse<String> tooLarge = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(targets).expectContinue(true)
                .header("Authorization", Fixtures.OPERATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(t.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        t.put("name", "x".repeat(100_000));
        assertThat(refused("/targets", t)).containsExactly("name");
        absent(id);
    }

    @Test
    void huge_durations_and_thresholds_are_refused_naming_each() {
        String id = Fixtures.uniqueId("huge");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("recovery")).put("graceSeconds", Long.MAX_VALUE / 1000);
        ((ObjectNode) t.get("recovery")).put("verifySeconds", 10_000_000L);
        ((ObjectNode) t.get("detection")).put("failureThreshold", 1_000_000);
        assertThat(refused("/targets", t)).containsExactlyInAnyOrder("recovery.graceSeconds", "recovery.verifySeconds",
                "detection.failureThreshold");
        absent(id);
    }

    @Test
    void a_header_value_with_crlf_is_refused_naming_the_header() {
        String id = Fixtures.uniqueId("crlf");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("probe")).putObject("headers").put("X-Token", "abc\r\nX-Injected: yes");
        assertThat(refused("/targets", t)).containsExactly("probe.headers.X-Token");
        absent(id);
    }

    @Test
    void a_verification_window_within_the_flap_hold_down_is_refused() {
        String id = Fixtures.uniqueId("holddown");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("recovery")).put("verifySeconds", 30);
        assertThat(refused("/targets", t)).containsExactly("recovery.verifySeconds");
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(t.toString()).when()
                .put("/targets/" + id).then().statusCode(400);
        ((ObjectNode) t.get("detection")).put("flapChanges", 0);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(t.toString()).when()
                .post("/targets").then().statusCode(201);
        given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + id).then().statusCode(204);
    }

    @Test
    void metadata_link_local_and_private_addresses_are_refused_naming_the_field() {
        String id = Fixtures.uniqueId("ssrf");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("probe")).put("url", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        assertThat(refused("/targets", t)).containsExactly("probe.url");
        ((ObjectNode) t.get("probe")).put("url", "http://[fd00:ec2::254]/latest/meta-data/");
        assertThat(refused("/targets", t)).containsExactly("probe.url");
        ((ObjectNode) t.get("probe")).put("url", "http://10.0.0.1/");
        assertThat(refused("/targets", t)).containsExactly("probe.url");
        ObjectNode tcp = target(id);
        tcp.putObject("probe").put("kind", "TCP").put("host", "metadata.google.internal").put("port", 80);
        assertThat(refused("/targets", tcp)).containsExactly("probe.host");
        ObjectNode hook = target(id);
        hook.putArray("notifications").addObject().put("channel", "WEBHOOK").put("to", "http://169.254.170.2/v2/credentials");
        assertThat(refused("/targets", hook)).containsExactly("notifications[0].to");
        absent(id);
    }

    @Test
    void loopback_is_allowed_where_the_operator_allows_it() {
        String id = Fixtures.uniqueId("loop");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("probe")).put("url", "http://localhost:8080/health");
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(t.toString()).when()
                .post("/targets").then().statusCode(201);
        given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + id).then().statusCode(204);
    }

    @Test
    void a_yaml_import_is_strict_bounded_and_names_each_entry() {
        String a = Fixtures.uniqueId("yaml");
        String yaml = """
                targets:
                  - id: %s
                    probe: { kind: HTTP, url: "https://a.example.com/", timeoutMS: 2000 }
                  - id: %s
                    probe: { kind: HTTP, url: "https://a.example.com/", timeoutMs: 1.5 }
                  - id: %s
                    probe: { kind: HTTP, url: "http://169.254.169.254/" }
                """.formatted(a, a + "b", a + "c");
        List<Map<String, String>> v = given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).when().post("/targets/import").then().statusCode(400).extract()
                .jsonPath().getList("violations");
        assertThat(v).extracting(m -> m.get("field")).containsExactly("targets[0].probe.timeoutMS", "targets[1].probe.timeoutMs",
                "targets[2].probe.url");
        StringBuilder many = new StringBuilder("targets:\n");
        for (int i = 0; i < 1001; i++) {
            many.append("  - { id: t").append(i).append(", probe: { kind: HOST_AGENT } }\n");
        }
        List<Map<String, String>> tooMany = given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml")
                .body(many.toString().getBytes(StandardCharsets.UTF_8)).when().post("/targets/import").then().statusCode(400)
                .extract().jsonPath().getList("violations");
        assertThat(tooMany).extracting(m -> m.get("field")).containsExactly("targets");
        absent(a);
    }

    @Test
    void silences_drills_and_notes_are_bounded() {
        String tooLong = "r".repeat(1025);
        assertThat(refused("/silences", "{\"tag\":\"test\",\"endsAt\":\"2999-01-01T00:00:00Z\",\"reason\":\"" + tooLong + "\"}"))
                .containsExactlyInAnyOrder("endsAt", "reason");
        assertThat(refused("/silences", "{\"tag\":\"test\",\"endsAt\":\"" + java.time.Instant.now().plusSeconds(60)
                + "\",\"reason\":\"nul \\u0000 here\"}")).containsExactly("reason");
        assertThat(refused("/silences", "{\"tag\":\"test\",\"untilEnd\":true}")).containsExactly("untilEnd");
        assertThat(refused("/drills", "{\"targetId\":\"" + "t".repeat(100) + "\",\"mode\":\"fail-probes\"}")).containsExactly("targetId");
        assertThat(refused("/drills", "{\"targetId\":\"t\",\"mode\":\"fail-probes\",\"timeoutSeconds\":1.5}"))
                .containsExactly("timeoutSeconds");
        assertThat(refused("/incidents/no-such/hold", "{\"reason\":\"" + tooLong + "\"}")).containsExactly("reason");
        assertThat(refused("/incidents/no-such/hold", "{\"why\":\"x\"}")).containsExactly("why");
    }

    @Test
    void the_openapi_declares_the_bearer_scheme_and_requires_it() {
        var doc = given().accept(ContentType.JSON).when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getString("components.securitySchemes.apiKey.type")).isEqualTo("http");
        assertThat(doc.getString("components.securitySchemes.apiKey.scheme")).isEqualTo("bearer");
        assertThat(doc.getList("security")).hasSize(1);
    }

    @Test
    void a_retry_interval_goes_in_and_comes_back_and_one_beyond_the_interval_is_refused() {
        String id = Fixtures.uniqueId("retry");
        ObjectNode t = target(id);
        ((ObjectNode) t.get("probe")).put("retryIntervalMs", 250);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(t.toString())
                .when().post("/targets").then().statusCode(201);
        try {
            for (String key : List.of(Fixtures.OPERATOR, Fixtures.ADMIN)) { // redacted and whole
                assertThat(given().header("Authorization", key).when().get("/targets/" + id).then().statusCode(200).extract()
                        .jsonPath().getLong("probe.retryIntervalMs")).isEqualTo(250L);
            }
            List<Long> listed = given().header("Authorization", Fixtures.OPERATOR).when().get("/targets").then().statusCode(200)
                    .extract().jsonPath().getList("findAll { it.id == '" + id + "' }.probe.retryIntervalMs", Long.class);
            assertThat(listed).containsExactly(250L);
        } finally {
            given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + id).then().statusCode(204);
        }
        String beyond = Fixtures.uniqueId("retry");
        ObjectNode b = target(beyond);
        ((ObjectNode) b.get("probe")).put("retryIntervalMs", 1_001); // the fixture's interval is 1 000 ms
        assertThat(refused("/targets", b)).containsExactly("probe.retryIntervalMs");
        absent(beyond);
    }

    @Test
    void a_valid_target_still_goes_in() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("fine"), 0, 1);
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().post("/targets").then().statusCode(201);
        given().header("Authorization", Fixtures.OPERATOR).when().delete("/targets/" + t.id()).then().statusCode(204);
    }
}
