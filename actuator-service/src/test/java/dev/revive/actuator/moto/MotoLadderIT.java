package dev.revive.actuator.moto;

import static dev.revive.actuator.Commands.envelope;
import static dev.revive.actuator.Commands.result;
import static dev.revive.actuator.Commands.results;
import static dev.revive.actuator.Commands.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.actuator.driver.aws.Route53Records;
import dev.revive.common.contract.RecoveryCommand;
import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.RecoveryResult.Status;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.testkit.MotoTestResource;
import dev.revive.testkit.RealInfrastructureResource;
import dev.revive.testkit.RealMoto;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The AWS rungs of the seed ladder against moto's state, through the real broker and database: Kafka → checks →
 * ledger → SDK → moto → result on Kafka, and each effect read back from moto (which instance was launched, from
 * which snapshot, where the Elastic IP now points). WireMock tests (AwsCommandIT, the driver tests) keep the exact
 * wire details. Skips when the emulator's root is absent (fails with REVIVE_REQUIRE_MOTO=1).
 */
@QuarkusTest
@TestProfile(MotoLadderIT.OnMoto.class)
class MotoLadderIT {

    /** Only the real infrastructure and moto: no WireMock endpoint override. */
    public static class OnMoto implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RealInfrastructureResource.class, Map.of("database", "actuator")),
                    new TestResourceEntry(MotoTestResource.class, Map.of()));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    static final TestTopics topics = TestTopics.shared();
    static final String A = "eu-west-1";
    static final String B = "eu-central-1";
    static final String TAG = "revive:target";

    Ec2Client a;
    Ec2Client b;
    String original;
    String allocationId;
    String older;
    String newer;
    String copied;

    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDTESTONLY", "test-secret-not-real"));

    static Ec2Client ec2(String region) {
        return Ec2Client.builder().region(Region.of(region)).endpointOverride(URI.create(RealMoto.endpoint().toString()))
                .credentialsProvider(CREDENTIALS).build();
    }

    @BeforeEach
    void seedSystem() {
        Assumptions.assumeTrue(RealMoto.available(), RealMoto::why);
        RealMoto.reset();
        a = ec2(A);
        b = ec2(B);
        String volume = a.createVolume(r -> r.availabilityZone(A + "a").size(8)).volumeId();
        older = snapshot(volume, true);
        Instant olderStart = startTime(a, older);
        // moto stamps snapshots to the second: the newer one must start in a later second.
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(olderStart));
        newer = snapshot(volume, true);
        Instant newerStart = startTime(a, newer);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(newerStart));
        snapshot(volume, false); // the newest of all, but not tagged for the site: never to be used

        String image = a.registerImage(r -> r.name("web-1-base").rootDeviceName("/dev/xvda").architecture("x86_64")
                .virtualizationType("hvm").blockDeviceMappings(m -> m.deviceName("/dev/xvda")
                        .ebs(e -> e.snapshotId(older)))).imageId();
        original = a.runInstances(r -> r.imageId(image).minCount(1).maxCount(1).instanceType("t3.small")
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                        .tags(tag("Name", "web-1"), tag(TAG, "web-1"))))
                .instances().get(0).instanceId();
        allocationId = a.allocateAddress(r -> r.domain("vpc")).allocationId();
        a.associateAddress(r -> r.allocationId(allocationId).instanceId(original));

        // The SDK presigns CopySnapshot for the source region from the endpoint's host name, which an emulator on
        // 127.0.0.1 has not; moto does not check the presigned URL, so the test passes one of its own.
        copied = b.copySnapshot(r -> r.sourceRegion(A).sourceSnapshotId(newer).presignedUrl("http://127.0.0.1/unchecked")
                .description("DR copy of " + newer)).snapshotId();
        b.createTags(r -> r.resources(copied).tags(tag(TAG, "web-1")));
    }

    String snapshot(String volume, boolean tagged) {
        return a.createSnapshot(r -> {
            r.volumeId(volume);
            if (tagged) {
                r.tagSpecifications(t -> t.resourceType(ResourceType.SNAPSHOT).tags(tag(TAG, "web-1")));
            }
        }).snapshotId();
    }

    static Instant startTime(Ec2Client ec2, String snapshot) {
        return ec2.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).startTime();
    }

    static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    static RecoveryCommand command(String action, Map<String, String> params) {
        return signed(action, params);
    }

    Map<String, String> reprovisionParams() {
        Map<String, String> p = new HashMap<>();
        p.put("instanceId", original);
        p.put("region", A);
        p.put("snapshotTag", "web-1");
        p.put("elasticIpAllocationId", allocationId);
        return p;
    }

    static List<Instance> replacementsOf(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:revive:replaces").values(id).build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    /**
     * The snapshot the instance's image was registered from. moto 5.1's RegisterImage keeps only the name and the
     * description (it drops the block-device mapping and invents a snapshot of its own), so this reads the image's
     * description, which the driver writes as "... from snap-...", back from moto's state.
     */
    static String rootSnapshotOf(Ec2Client ec2, Instance i) {
        Image image = ec2.describeImages(r -> r.imageIds(i.imageId())).images().get(0);
        String d = image.description();
        assertThat(d).as("image description").contains(" from snap-");
        return d.substring(d.lastIndexOf(" from ") + " from ".length()).trim();
    }

    @Test
    void reboots_the_tagged_instance_it_is_told_to() {
        RecoveryCommand c = command("aws-ec2-reboot", Map.of("instanceId", original, "region", A));
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.SUCCEEDED);
        assertThat(a.describeInstances(q -> q.instanceIds(original)).reservations().get(0).instances().get(0)
                .state().nameAsString()).isEqualTo("running");
    }

    @Test
    void reprovisions_once_in_region_a_from_the_newest_tagged_snapshot_and_moves_the_elastic_ip() {
        RecoveryCommand c = command("aws-reprovision", reprovisionParams());
        Envelope<RecoveryCommand> e = envelope(c);
        // Delivered three times: moto ignores RunInstances' ClientToken, so only the actuator's ledger keeps it to one.
        topics.publish(Topics.COMMANDS, e);
        topics.publish(Topics.COMMANDS, e);
        topics.publish(Topics.COMMANDS, e);

        List<Envelope<RecoveryResult>> out = results(topics, c.commandId(), 3);

        RecoveryResult r = out.get(0).data();
        assertThat(out).extracting(x -> x.data().status()).as(r.reason()).containsOnly(Status.SUCCEEDED);
        List<Instance> launched = replacementsOf(a, original);
        assertThat(launched).as("instances launched to replace " + original).hasSize(1);
        Instance replacement = launched.get(0);
        assertThat(r.newInstanceId()).isEqualTo(replacement.instanceId());
        assertThat(r.originalInstanceId()).isEqualTo(original);
        assertThat(rootSnapshotOf(a, replacement)).as("the newest tagged snapshot, not %s", older).isEqualTo(newer);
        // The result names the instance that now holds the Elastic IP, as moto shows it: the one the policy adopts.
        var address = a.describeAddresses(q -> q.allocationIds(allocationId)).addresses().get(0);
        assertThat(address.instanceId()).as("the Elastic IP's instance").isEqualTo(replacement.instanceId());
        assertThat(r.newInstanceId()).as("the new instance the result names").isEqualTo(address.instanceId())
                .isNotEqualTo(original);
        assertThat(r.newAddress()).isEqualTo(address.publicIp());
        assertThat(r.newRegion()).isEqualTo(A);
        assertThat(out).extracting(x -> x.data().newInstanceId()).as("every delivery names the same instance")
                .containsOnly(replacement.instanceId());
        assertThat(replacement.tags()).contains(tag("Name", "web-1"));
    }

    @Test
    void reprovisions_in_region_b_from_the_copied_snapshot() {
        Map<String, String> p = reprovisionParams();
        p.remove("elasticIpAllocationId"); // an Elastic IP cannot cross regions
        p.put("drRegion", B);
        RecoveryCommand c = command("aws-reprovision-dr", p);
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.SUCCEEDED);
        List<Instance> inB = replacementsOf(b, original);
        assertThat(inB).hasSize(1);
        assertThat(replacementsOf(a, original)).as("nothing launched in region A").isEmpty();
        Instance replacement = inB.get(0);
        assertThat(r.newInstanceId()).isEqualTo(replacement.instanceId());
        assertThat(r.newRegion()).as("the DR region, where the new instance runs").isEqualTo(B);
        // No Elastic IP crosses regions: the result names the new instance's own address, as moto shows it.
        assertThat(r.newAddress()).isNotNull().isEqualTo(replacement.publicIpAddress() != null
                ? replacement.publicIpAddress() : replacement.privateIpAddress());
        assertThat(rootSnapshotOf(b, replacement)).isEqualTo(copied);
    }

    @Test
    void dr_step_points_the_dns_record_at_the_new_instance_in_region_b() {
        String zone = MotoRoute53.createZone("example.test.");
        String oldAddress = a.describeInstances(q -> q.instanceIds(original)).reservations().get(0).instances().get(0)
                .publicIpAddress();
        // The record users resolve today: the original instance's address, with an hour's TTL.
        new Route53Records(Optional.of(RealMoto.endpoint()), CREDENTIALS, Duration.ofSeconds(10))
                .upsertA(new Route53Records.DnsRecord(zone, "www.example.test.", 3600), oldAddress);
        Map<String, String> p = reprovisionParams();
        p.remove("elasticIpAllocationId");
        p.put("drRegion", B);
        p.put("dnsZoneId", zone);
        p.put("dnsName", "www.example.test");
        p.put("dnsTtl", "30");
        RecoveryCommand c = command("aws-reprovision-dr", p);
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.SUCCEEDED);
        Instance replacement = replacementsOf(b, original).get(0);
        assertThat(r.newInstanceId()).isEqualTo(replacement.instanceId());
        var records = MotoRoute53.aRecords(zone, "www.example.test");
        assertThat(records).as("A records of www.example.test in moto").hasSize(1);
        assertThat(records.get(0).values()).as("the new instance's address, not the old " + oldAddress)
                .containsExactly(r.newAddress()).doesNotContain(oldAddress);
        assertThat(records.get(0).ttl()).isEqualTo(30);
    }

    @Test
    void same_region_step_without_elastic_ip_points_the_dns_record_at_the_new_instance() {
        String zone = MotoRoute53.createZone("example.test.");
        Map<String, String> p = reprovisionParams();
        p.remove("elasticIpAllocationId");
        p.put("dnsZoneId", zone);
        p.put("dnsName", "shop.example.test.");
        RecoveryCommand c = command("aws-reprovision", p);
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.SUCCEEDED);
        Instance replacement = replacementsOf(a, original).get(0);
        assertThat(r.newAddress()).isEqualTo(replacement.publicIpAddress() != null
                ? replacement.publicIpAddress() : replacement.privateIpAddress());
        var records = MotoRoute53.aRecords(zone, "shop.example.test");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).values()).containsExactly(r.newAddress());
        assertThat(records.get(0).ttl()).as("the default TTL").isEqualTo(60);
    }

    @Test
    void a_missing_hosted_zone_fails_the_step_and_still_names_the_new_instance() {
        Map<String, String> p = reprovisionParams();
        p.remove("elasticIpAllocationId");
        p.put("drRegion", B);
        p.put("dnsZoneId", "ZNOSUCHZONE0000");
        p.put("dnsName", "www.example.test");
        RecoveryCommand c = command("aws-reprovision-dr", p);
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).contains("NoSuchHostedZone").contains("www.example.test");
        List<Instance> inB = replacementsOf(b, original);
        assertThat(inB).hasSize(1);
        assertThat(r.newInstanceId()).as("the instance that runs, for the policy to follow").isEqualTo(inB.get(0).instanceId());
    }

    @Test
    void with_no_tagged_snapshot_fails_for_good_and_launches_nothing() {
        Map<String, String> p = reprovisionParams();
        p.put("snapshotTag", "web-2");
        RecoveryCommand c = command("aws-reprovision", p);
        topics.publish(Topics.COMMANDS, envelope(c));

        RecoveryResult r = result(topics, c.commandId());

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.nonRecoverable()).isTrue();
        assertThat(r.reason()).contains("no completed snapshot tagged revive:target=web-2");
        assertThat(replacementsOf(a, original)).isEmpty();
        List<Snapshot> none = a.describeSnapshots(q -> q.ownerIds("self")
                .filters(Filter.builder().name("tag:" + TAG).values("web-2").build())).snapshots();
        assertThat(none).isEmpty();
    }
}
