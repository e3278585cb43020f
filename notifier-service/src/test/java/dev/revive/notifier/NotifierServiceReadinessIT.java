package dev.revive.notifier;

import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.ServiceEndpointsContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "notifier"))
@QuarkusTestResource(value = dev.revive.notifier.support.ChannelStubsResource.class, restrictToAnnotatedClass = false)
class NotifierServiceReadinessIT implements ServiceEndpointsContract {

    @Override
    public String openApiTitle() {
        return "Revive notifier-service";
    }
}
