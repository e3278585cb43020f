package dev.revive.actuator;

import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.ServiceEndpointsContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "actuator"))
class ActuatorServiceReadinessIT implements ServiceEndpointsContract {

    @Override
    public String openApiTitle() {
        return "Revive actuator-service";
    }
}
