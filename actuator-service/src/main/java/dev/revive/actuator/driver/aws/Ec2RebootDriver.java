package dev.revive.actuator.driver.aws;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code aws-ec2-reboot}: RebootInstances, then waits for the status checks to pass. With
 * {@code stopStartAfterSeconds}, an instance still impaired after that long is force-stopped and started (which
 * also moves it to healthy hardware). Not resumable: a reboot is never blindly repeated.
 */
@ApplicationScoped
public class Ec2RebootDriver implements Driver {

    private final AwsClients clients;
    private final AwsTimings timings;

    @Inject
    public Ec2RebootDriver(AwsClients clients, ActuatorConfig config) {
        this(clients, AwsTimings.of(config.aws()));
    }

    public Ec2RebootDriver(AwsClients clients, AwsTimings timings) {
        this.clients = clients;
        this.timings = timings;
    }

    @Override
    public Set<Action> actions() {
        return Set.of(Action.AWS_EC2_REBOOT);
    }

    @Override
    public Outcome run(RecoveryCommand command, ActionContext context) throws InterruptedException {
        String id = command.params().get("instanceId");
        Ec2Client ec2 = clients.ec2(command.params().get("region"));
        String stopStart = command.params().get("stopStartAfterSeconds");
        Duration firstWait = stopStart == null ? timings.statusWait() : Duration.ofSeconds(Long.parseLong(stopStart));
        try {
            ec2.rebootInstances(r -> r.instanceIds(id));
            context.reference("RebootInstances " + id);
            Thread.sleep(timings.rebootSettle());
            if (Ec2Instances.waitStatusOk(ec2, id, firstWait, timings.pollInterval())) {
                return Outcome.succeeded("rebooted " + id + "; status checks passed");
            }
            if (stopStart == null) {
                return Outcome.failed("rebooted " + id + " but its status checks did not pass within " + firstWait, null);
            }
            ec2.stopInstances(r -> r.instanceIds(id).force(true));
            context.reference("StopInstances(force) " + id);
            if (!Ec2Instances.waitState(ec2, id, InstanceStateName.STOPPED, timings.statusWait(), timings.pollInterval())) {
                return Outcome.failed(id + " stayed impaired after a reboot and did not stop within " + timings.statusWait(), null);
            }
            ec2.startInstances(r -> r.instanceIds(id));
            context.reference("StartInstances " + id);
            if (Ec2Instances.waitStatusOk(ec2, id, timings.statusWait(), timings.pollInterval())) {
                return Outcome.succeeded("rebooted " + id + "; still impaired after " + firstWait
                        + ", so force-stopped and started it; status checks passed");
            }
            return Outcome.failed(id + " was stopped and started but its status checks did not pass within "
                    + timings.statusWait(), null);
        } catch (SdkException e) {
            throw AwsErrors.failure("aws-ec2-reboot of " + id, e);
        }
    }
}
