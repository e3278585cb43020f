package dev.revive.actuator.driver.aws;

import java.time.Duration;

import dev.revive.actuator.config.ActuatorConfig;

/** How the AWS drivers pace their waits. */
public record AwsTimings(Duration pollInterval, Duration rebootSettle, Duration statusWait) {

    public static AwsTimings of(ActuatorConfig.Aws aws) {
        return new AwsTimings(aws.pollInterval(), aws.rebootSettle(), aws.statusWait());
    }
}
