package dev.revive.prober;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.testkit.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ProberServiceReadinessIT {

    @Inject
    Vertx vertx;

    @Test
    void runs_on_the_native_epoll_transport() {
        // quarkus.vertx.prefer-native-transport with netty-transport-native-epoll: the fresh-connection probes use it.
        assertThat(vertx.isNativeTransportEnabled()).isTrue();
    }

    @Test
    void is_ready_once_connected_to_the_real_broker() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void the_stalled_probe_watchdog_is_in_health_and_metrics() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'probing' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'probing' }.data.stalledProbes", equalTo(0));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'probing' }.status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("revive_prober_stalled_probes"), containsString("revive_prober_stalled_loops"));
    }

    @Test
    void exposes_prometheus_metrics_and_openapi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("Revive prober-service"));
    }
}
