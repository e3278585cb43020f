package dev.revive.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every Revive service answers once it runs on the real broker and database: readiness and liveness UP,
 * Prometheus metrics, and its OpenAPI document under its own title. A service's {@code @QuarkusTest} implements this
 * interface (with its own test resources) and so runs the same two tests.
 */
public interface ServiceEndpointsContract {

    /** The service's OpenAPI title, e.g. {@code Revive policy-service}. */
    String openApiTitle();

    @Test
    default void is_ready_once_connected_to_the_real_broker_and_database() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    default void exposes_prometheus_metrics_and_openapi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString(openApiTitle()));
    }
}
