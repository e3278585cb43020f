package dev.revive.policy;

import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class PolicyServiceReadinessIT implements ServiceEndpointsContract {

    @Override
    public String openApiTitle() {
        return "Revive policy-service";
    }
}
