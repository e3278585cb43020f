package dev.revive.actuator.driver.aws;

import java.time.Duration;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;

/** Instance look-ups and waits shared by the EC2 drivers. */
final class Ec2Instances {

    private Ec2Instances() {
    }

    static Instance describe(Ec2Client ec2, String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                .flatMap(res -> res.instances().stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("DescribeInstances returned no " + instanceId));
    }

    /** Running, and both the instance and the system status checks pass. */
    static boolean statusOk(Ec2Client ec2, String instanceId) {
        return ec2.describeInstanceStatus(r -> r.instanceIds(instanceId).includeAllInstances(true)).instanceStatuses()
                .stream().anyMatch(Ec2Instances::healthy);
    }

    private static boolean healthy(InstanceStatus s) {
        return s.instanceState() != null && s.instanceState().name() == InstanceStateName.RUNNING
                && s.instanceStatus() != null && s.instanceStatus().status() == SummaryStatus.OK
                && s.systemStatus() != null && s.systemStatus().status() == SummaryStatus.OK;
    }

    static boolean waitStatusOk(Ec2Client ec2, String instanceId, Duration max, Duration interval)
            throws InterruptedException {
        return Waits.until(() -> statusOk(ec2, instanceId), max, interval);
    }

    static boolean waitState(Ec2Client ec2, String instanceId, InstanceStateName state, Duration max, Duration interval)
            throws InterruptedException {
        return Waits.until(() -> describe(ec2, instanceId).state().name() == state, max, interval);
    }
}
