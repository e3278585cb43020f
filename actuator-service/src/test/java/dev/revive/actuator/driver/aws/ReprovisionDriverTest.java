package dev.revive.actuator.driver.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.RecoveryCommand;

class ReprovisionDriverTest extends AwsMock {

    static final String ORIGINAL = "i-0123456789abcdef0";
    static final String NEW = "i-0fedcba9876543210";
    static final String EIP = "eipalloc-0a1b2c3d4e5f60718";

    static final ActuatorConfig.Dr DR = new ActuatorConfig.Dr() {
        @Override
        public Optional<String> subnetId() {
            return Optional.of("subnet-0d0d0d0d0d0d0d0d0");
        }

        @Override
        public Optional<List<String>> securityGroupIds() {
            return Optional.of(List.of("sg-0d0d0d0d0d0d0d0d0"));
        }

        @Override
        public Optional<String> keyName() {
            return Optional.empty();
        }

        @Override
        public String fallbackInstanceType() {
            return "t3.micro";
        }
    };

    ReprovisionDriver driver() {
        return new ReprovisionDriver(clients, fast(), "revive:target", DR);
    }

    static RecoveryCommand reprovision(String action, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of("instanceId", ORIGINAL, "region", "eu-west-1",
                "snapshotTag", "web-1", "elasticIpAllocationId", EIP));
        p.putAll(extra);
        return new RecoveryCommand("cmd-reprovision-7", "inc-1", "web-1", 2, action, p, null, null, null, null);
    }

    void stubOriginal() {
        wm.stubFor(ec2("DescribeInstances").withRequestBody(containing("InstanceId.1=" + ORIGINAL))
                .willReturn(xml("DescribeInstances", "<reservationSet><item><reservationId>r-1</reservationId>"
                        + "<ownerId>123456789012</ownerId><instancesSet><item>"
                        + "<instanceId>" + ORIGINAL + "</instanceId><imageId>ami-0aaaaaaaaaaaaaaaa</imageId>"
                        + "<instanceState><code>16</code><name>running</name></instanceState>"
                        + "<keyName>web-key</keyName><instanceType>t3.small</instanceType>"
                        + "<subnetId>subnet-0abc0abc0abc0abc0</subnetId><privateIpAddress>10.0.1.5</privateIpAddress>"
                        + "<architecture>x86_64</architecture><rootDeviceName>/dev/xvda</rootDeviceName>"
                        + "<groupSet><item><groupId>sg-0abc0abc0abc0abc0</groupId><groupName>web</groupName></item></groupSet>"
                        + "<iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/web</arn><id>AIPAEXAMPLE</id></iamInstanceProfile>"
                        + "<tagSet><item><key>Name</key><value>web-1</value></item>"
                        + "<item><key>aws:cloudformation:stack-name</key><value>web</value></item></tagSet>"
                        + "</item></instancesSet></item></reservationSet>")));
    }

    void stubSnapshots() {
        wm.stubFor(ec2("DescribeSnapshots").willReturn(xml("DescribeSnapshots", "<snapshotSet>"
                + snapshot("snap-0000000000000older", "2026-01-01T03:00:00.000Z")
                + snapshot("snap-0000000000000newer", "2026-01-02T03:00:00.000Z")
                + "</snapshotSet>")));
    }

    static String snapshot(String id, String start) {
        return "<item><snapshotId>" + id + "</snapshotId><volumeId>vol-0abc0abc0abc0abc0</volumeId>"
                + "<status>completed</status><startTime>" + start + "</startTime><progress>100%</progress>"
                + "<ownerId>123456789012</ownerId><volumeSize>8</volumeSize><encrypted>false</encrypted></item>";
    }

    void stubLaunch() {
        wm.stubFor(ec2("RegisterImage").willReturn(xml("RegisterImage", "<imageId>ami-0newnewnewnewnew1</imageId>")));
        wm.stubFor(ec2("DescribeImages").willReturn(xml("DescribeImages", "<imagesSet><item>"
                + "<imageId>ami-0newnewnewnewnew1</imageId><imageState>available</imageState>"
                + "<name>revive-cmd-reprovision-7</name></item></imagesSet>")));
        wm.stubFor(ec2("RunInstances").willReturn(xml("RunInstances", "<reservationId>r-2</reservationId>"
                + "<ownerId>123456789012</ownerId><instancesSet><item><instanceId>" + NEW + "</instanceId>"
                + "<instanceState><code>0</code><name>pending</name></instanceState></item></instancesSet>")));
        wm.stubFor(ec2("DescribeInstanceStatus").willReturn(xml("DescribeInstanceStatus", instanceStatus(NEW, "running", "ok"))));
        wm.stubFor(ec2("AssociateAddress").willReturn(xml("AssociateAddress",
                "<return>true</return><associationId>eipassoc-0123456789abcdef0</associationId>")));
        wm.stubFor(ec2("DescribeAddresses").willReturn(xml("DescribeAddresses", "<addressesSet><item>"
                + "<publicIp>198.51.100.7</publicIp><allocationId>" + EIP + "</allocationId><domain>vpc</domain>"
                + "</item></addressesSet>")));
    }

    @Test
    void launches_from_the_newest_tagged_snapshot_shaped_like_the_original_and_moves_the_elastic_ip() throws Exception {
        stubOriginal();
        stubSnapshots();
        stubLaunch();

        Outcome o = driver().run(reprovision("aws-reprovision", Map.of()), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.newInstanceId()).isEqualTo(NEW);
        assertThat(o.newAddress()).isEqualTo("198.51.100.7");
        assertThat(o.newRegion()).isEqualTo("eu-west-1");
        assertThat(o.originalInstanceId()).isEqualTo(ORIGINAL);
        assertThat(o.originalAddress()).isEqualTo("10.0.1.5");
        wm.verify(exactly(1), ec2Requested("DescribeSnapshots")
                .withRequestBody(containing("Owner.1=self"))
                .withRequestBody(containing("Filter.1.Name=tag%3Arevive%3Atarget"))
                .withRequestBody(containing("Filter.1.Value.1=web-1"))
                .withRequestBody(containing("Filter.2.Name=status"))
                .withRequestBody(containing("Filter.2.Value.1=completed")));
        wm.verify(exactly(1), ec2Requested("RegisterImage")
                .withRequestBody(containing("Name=revive-cmd-reprovision-7"))
                .withRequestBody(containing("BlockDeviceMapping.1.Ebs.SnapshotId=snap-0000000000000newer"))
                .withRequestBody(containing("RootDeviceName=%2Fdev%2Fxvda")));
        wm.verify(exactly(1), ec2Requested("RunInstances")
                .withRequestBody(containing("ClientToken=cmd-reprovision-7"))
                .withRequestBody(containing("ImageId=ami-0newnewnewnewnew1"))
                .withRequestBody(containing("InstanceType=t3.small"))
                .withRequestBody(containing("SubnetId=subnet-0abc0abc0abc0abc0"))
                .withRequestBody(containing("SecurityGroupId.1=sg-0abc0abc0abc0abc0"))
                .withRequestBody(containing("KeyName=web-key"))
                .withRequestBody(containing("IamInstanceProfile.Arn=arn%3Aaws%3Aiam%3A%3A123456789012%3Ainstance-profile%2Fweb"))
                .withRequestBody(containing("Value=web-1"))
                .withRequestBody(containing("Value=" + ORIGINAL))
                .withRequestBody(notContaining("aws%3Acloudformation")));
        wm.verify(exactly(1), ec2Requested("AssociateAddress")
                .withRequestBody(containing("AllocationId=" + EIP))
                .withRequestBody(containing("InstanceId=" + NEW))
                .withRequestBody(containing("AllowReassociation=true")));
    }

    @Test
    void reports_a_target_without_a_completed_snapshot_as_non_recoverable_and_launches_nothing() {
        stubOriginal();
        wm.stubFor(ec2("DescribeSnapshots").willReturn(xml("DescribeSnapshots", "<snapshotSet/>")));

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver().run(reprovision("aws-reprovision", Map.of()), ActionContext.NONE));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).contains("no completed snapshot tagged revive:target=web-1");
        wm.verify(exactly(0), ec2Requested("RegisterImage"));
        wm.verify(exactly(0), ec2Requested("RunInstances"));
    }

    @Test
    void resumes_with_the_same_client_token_and_the_image_of_the_first_attempt() throws Exception {
        stubOriginal();
        stubSnapshots();
        stubLaunch();
        wm.stubFor(ec2("RegisterImage").inScenario("resume").whenScenarioStateIs(STARTED).willSetStateTo("registered")
                .willReturn(xml("RegisterImage", "<imageId>ami-0newnewnewnewnew1</imageId>")));
        wm.stubFor(ec2("RegisterImage").inScenario("resume").whenScenarioStateIs("registered")
                .willReturn(ec2Error(400, "InvalidAMIName.Duplicate", "AMI name revive-cmd-reprovision-7 is already in use by AMI ami-0newnewnewnewnew1")));

        Outcome first = driver().run(reprovision("aws-reprovision", Map.of()), ActionContext.NONE);
        Outcome again = driver().run(reprovision("aws-reprovision", Map.of()), ActionContext.NONE);

        assertThat(again).isEqualTo(first.withNewInstance(NEW, "198.51.100.7", "eu-west-1"));
        wm.verify(exactly(2), ec2Requested("RunInstances").withRequestBody(containing("ClientToken=cmd-reprovision-7"))
                .withRequestBody(containing("ImageId=ami-0newnewnewnewnew1")));
    }

    @Test
    void reports_an_idempotent_parameter_mismatch_as_non_recoverable() {
        stubOriginal();
        stubSnapshots();
        stubLaunch();
        wm.stubFor(ec2("RunInstances").willReturn(ec2Error(400, "IdempotentParameterMismatch",
                "The client token you have provided is associated with a resource that is already deleted.")));

        ActionFailedException e = catchThrowableOfType(ActionFailedException.class,
                () -> driver().run(reprovision("aws-reprovision", Map.of()), ActionContext.NONE));

        assertThat(e.nonRecoverable()).isTrue();
        assertThat(e.getMessage()).contains("IdempotentParameterMismatch");
    }

    @Test
    void launches_in_the_dr_region_with_the_dr_network_when_the_home_region_is_down() throws Exception {
        wm.stubFor(ec2("DescribeInstances").withRequestBody(containing("InstanceId.1=" + ORIGINAL))
                .willReturn(ec2Error(503, "Unavailable", "The service is unavailable.")));
        stubSnapshots();
        stubLaunch();

        Outcome o = driver().run(reprovision("aws-reprovision-dr", Map.of("drRegion", "eu-central-1")), ActionContext.NONE);

        assertThat(o.succeeded()).isTrue();
        assertThat(o.originalInstanceId()).isEqualTo(ORIGINAL);
        assertThat(o.originalAddress()).isNull(); // its region did not answer: nothing to watch
        assertThat(o.newRegion()).isEqualTo("eu-central-1");
        wm.verify(exactly(1), ec2Requested("DescribeSnapshots")
                .withHeader("Authorization", containing("/eu-central-1/ec2/aws4_request")));
        wm.verify(exactly(1), ec2Requested("RunInstances")
                .withHeader("Authorization", containing("/eu-central-1/ec2/aws4_request"))
                .withRequestBody(containing("ClientToken=cmd-reprovision-7"))
                .withRequestBody(containing("InstanceType=t3.micro"))
                .withRequestBody(containing("SubnetId=subnet-0d0d0d0d0d0d0d0d0"))
                .withRequestBody(containing("SecurityGroupId.1=sg-0d0d0d0d0d0d0d0d0")));
    }

    @Test
    void uses_a_hash_as_client_token_when_the_command_id_is_too_long_for_ec2() {
        String longId = "cmd-" + "x".repeat(80);

        assertThat(ReprovisionDriver.clientToken(longId)).hasSize(64).isEqualTo(ReprovisionDriver.clientToken(longId));
        assertThat(ReprovisionDriver.clientToken("cmd-1")).isEqualTo("cmd-1");
    }
}
