package dev.revive.prober;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.revive.testkit.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The prober's REST API needs an API key: probing on demand and re-arming a drift baseline (which would accept a
 * defaced page as the new normal) need operator or admin; reads need a key (anonymous reads are off by default);
 * /q stays open. Keys of the %test profile: "test-operator-key" (operator), "viewer-key" (role viewer).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ProbeApiKeysIT {

    @Test
    void rearming_a_baseline_without_a_key_is_401() {
        given().when().post("/probes/some-target/baseline").then().statusCode(401)
                .body("error", containsString("Authorization: Bearer"));
    }

    @Test
    void probing_on_demand_without_a_key_or_with_an_unknown_key_is_401() {
        given().when().post("/probes/some-target/run").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-configured-key").when().post("/probes/some-target/run").then()
                .statusCode(401);
    }

    @Test
    void a_key_without_the_operator_role_may_not_probe_or_rearm() {
        given().header("Authorization", "Bearer viewer-key").when().post("/probes/some-target/run").then().statusCode(403)
                .body("error", containsString("viewer"));
        given().header("Authorization", "Bearer viewer-key").when().post("/probes/some-target/baseline").then()
                .statusCode(403);
    }

    @Test
    void an_operator_key_passes_and_reaches_the_resource() {
        given().header("Authorization", "Bearer test-operator-key").when().post("/probes/some-target/baseline").then()
                .statusCode(404).body("error", containsString("some-target"));
        given().header("authorization", "bearer test-operator-key").when().get("/probes/targets").then().statusCode(200)
                .body("location", equalTo("qa"));
    }

    @Test
    void reads_need_a_key_when_anonymous_reads_are_off() {
        given().when().get("/probes/targets").then().statusCode(401);
    }

    @Test
    void health_metrics_and_openapi_stay_open_and_openapi_declares_the_bearer_scheme() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.apiKey.type", equalTo("http"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("paths.'/probes/{targetId}/run'.post.security[0].apiKey", org.hamcrest.Matchers.notNullValue());
    }
}
