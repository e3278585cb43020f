package dev.revive.notifier;

import dev.revive.notifier.support.ChannelStubsResource;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Base of the notifier's integration tests: the real broker and PostgreSQL from the test kit, the channel stubs
 * (GreenMail, a webhook receiver, WireMock for AWS), and a {@link TestTopics} for the class.
 */
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "notifier"))
@QuarkusTestResource(value = ChannelStubsResource.class, restrictToAnnotatedClass = false)
public abstract class OnRealInfrastructure {

    protected static final TestTopics topics = TestTopics.shared();
}
