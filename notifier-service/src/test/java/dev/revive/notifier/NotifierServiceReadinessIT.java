package dev.revive.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.revive.testkit.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "notifier"))
@QuarkusTestResource(value = dev.revive.notifier.support.ChannelStubsResource.class, restrictToAnnotatedClass = false)
class NotifierServiceReadinessIT {

    @Test
    void is_ready_once_connected_to_the_real_broker_and_database() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposes_prometheus_metrics_and_openapi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("Revive notifier-service"));
    }
}
