package dev.revive.actuator.driver.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.revive.actuator.config.ActuatorConfig;
import dev.revive.actuator.driver.ActionContext;
import dev.revive.actuator.driver.ActionFailedException;
import dev.revive.actuator.driver.Driver;
import dev.revive.actuator.driver.Outcome;
import dev.revive.common.contract.Action;
import dev.revive.common.contract.RecoveryCommand;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code aws-reprovision} and {@code aws-reprovision-dr}: a new instance from the newest completed snapshot carrying
 * the target's tag, shaped like the original (type, subnet, security groups, key, IAM profile, tags), with the
 * Elastic IP moved to it. The outcome names the new instance, its address and the region it was launched in (the DR
 * region for {@code aws-reprovision-dr}), so that the policy can make the target follow it, and the original instance
 * and its private IP (the address it keeps once the Elastic IP has left it; null when the original could not be
 * described, as in a DR launch with its region down).
 *
 * <p>With {@code dnsZoneId} and {@code dnsName} the Route 53 A record is UPSERTed to the new address last, so a
 * site without an Elastic IP (always the case after DR: an Elastic IP cannot cross regions) answers at its name; the
 * step fails, naming the new instance, when Route 53 refuses the change.
 *
 * <p>Every step can be repeated after a crash with the same effect, so the action is resumable: the image is named
 * after the command id (a second RegisterImage finds the first image), RunInstances carries ClientToken = command id
 * (EC2 returns the instance of the first call), AssociateAddress with reassociation allowed is idempotent.
 */
@ApplicationScoped
public class ReprovisionDriver implements Driver {

    private static final Logger LOG = Logger.getLogger(ReprovisionDriver.class);
    static final String MANAGED_TAG = "revive:managed";
    /** A short TTL: after a failover, resolvers should not keep the dead address for long. */
    static final long DEFAULT_DNS_TTL = 60;

    private final AwsClients clients;
    private final AwsTimings timings;
    private final String defaultTagKey;
    private final ActuatorConfig.Dr dr;

    @Inject
    public ReprovisionDriver(AwsClients clients, ActuatorConfig config) {
        this(clients, AwsTimings.of(config.aws()), config.aws().snapshotTagKey(), config.aws().dr());
    }

    public ReprovisionDriver(AwsClients clients, AwsTimings timings, String defaultTagKey, ActuatorConfig.Dr dr) {
        this.clients = clients;
        this.timings = timings;
        this.defaultTagKey = defaultTagKey;
        this.dr = dr;
    }

    @Override
    public Set<Action> actions() {
        return Set.of(Action.AWS_REPROVISION, Action.AWS_REPROVISION_DR);
    }

    @Override
    public boolean resumable(RecoveryCommand command) {
        return true;
    }

    @Override
    public Outcome run(RecoveryCommand c, ActionContext context) throws InterruptedException {
        boolean isDr = c.actionType() == Action.AWS_REPROVISION_DR;
        String originalId = c.params().get("instanceId");
        String region = c.params().get("region");
        String launchRegion = isDr ? c.params().get("drRegion") : region;
        Ec2Client home = clients.ec2(region);
        Ec2Client ec2 = clients.ec2(launchRegion);
        try {
            Optional<Instance> original = original(home, originalId, isDr);
            Snapshot snapshot = latestSnapshot(ec2, c.params().get("snapshotTag"), launchRegion);
            String imageId = image(ec2, c, snapshot, original);
            if (!Waits.until(() -> imageAvailable(ec2, imageId), timings.statusWait(), timings.pollInterval())) {
                return Outcome.failed("image " + imageId + " from " + snapshot.snapshotId() + " not available within "
                        + timings.statusWait(), null);
            }
            String newId = ec2.runInstances(launch(c, imageId, original, isDr)).instances().get(0).instanceId();
            context.reference("instance " + newId + " in " + launchRegion);
            if (!Ec2Instances.waitStatusOk(ec2, newId, timings.statusWait(), timings.pollInterval())) {
                return Outcome.failed("launched " + newId + " from " + snapshot.snapshotId()
                        + " but its status checks did not pass within " + timings.statusWait(), null)
                        .withNewInstance(newId, null, launchRegion);
            }
            String allocationId = c.params().get("elasticIpAllocationId");
            String address;
            if (allocationId != null) {
                ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(newId).allowReassociation(true));
                address = ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0).publicIp();
            } else {
                Instance launched = Ec2Instances.describe(ec2, newId);
                address = launched.publicIpAddress() != null ? launched.publicIpAddress() : launched.privateIpAddress();
            }
            String done = "re-provisioned " + originalId + " as " + newId + " in " + launchRegion + " from "
                    + snapshot.snapshotId() + " (" + snapshot.startTime() + ") via " + imageId
                    + (allocationId == null ? "" : "; Elastic IP " + allocationId + " moved");
            // The original keeps its private IP for life; the public address it answered on has moved.
            String originalAddress = original.map(Instance::privateIpAddress).orElse(null);
            Optional<Route53Records.DnsRecord> dns = dnsRecord(c);
            if (dns.isPresent()) {
                Route53Records.DnsRecord record = dns.get();
                if (address == null) {
                    return Outcome.failed(done + ", but it has no address for the DNS record " + record.name(), null)
                            .withNewInstance(newId, null, launchRegion).withOriginal(originalId, originalAddress);
                }
                try {
                    String change = clients.route53().upsertA(record, address);
                    done += "; DNS " + record.name() + " A " + address + " (TTL " + record.ttl() + " s, change " + change + ")";
                } catch (ActionFailedException e) {
                    // The new instance runs and is named, so the policy can still follow it; users cannot find it by name.
                    return Outcome.failed(done + ", but the DNS record " + record.name() + " in zone " + record.zoneId()
                            + " was not updated: " + e.getMessage(), null)
                            .withNewInstance(newId, address, launchRegion).withOriginal(originalId, originalAddress);
                }
            }
            return Outcome.succeeded(done).withNewInstance(newId, address, launchRegion)
                    .withOriginal(originalId, originalAddress);
        } catch (SdkException e) {
            throw AwsErrors.failure(c.action() + " of " + originalId + " in " + launchRegion, e);
        }
    }

    /** The plan's DNS record, when it names one (the validators make zone and name come together). */
    static Optional<Route53Records.DnsRecord> dnsRecord(RecoveryCommand c) {
        String zone = c.params().get("dnsZoneId");
        String name = c.params().get("dnsName");
        if (zone == null || name == null) {
            return Optional.empty();
        }
        String ttl = c.params().get("dnsTtl");
        return Optional.of(new Route53Records.DnsRecord(zone, name, ttl == null ? DEFAULT_DNS_TTL : Long.parseLong(ttl)));
    }

    /** The original instance; in DR its region may be down, and the launch then uses the DR settings only. */
    private Optional<Instance> original(Ec2Client home, String id, boolean isDr) {
        try {
            return Optional.of(Ec2Instances.describe(home, id));
        } catch (SdkException e) {
            if (!isDr) {
                throw e;
            }
            LOG.warnf("cannot describe %s in its home region (%s); launching with the DR settings", id, AwsErrors.code(e));
            return Optional.empty();
        }
    }

    private Snapshot latestSnapshot(Ec2Client ec2, String snapshotTag, String region) {
        int eq = snapshotTag.indexOf('=');
        String key = eq < 0 ? defaultTagKey : snapshotTag.substring(0, eq);
        String value = eq < 0 ? snapshotTag : snapshotTag.substring(eq + 1);
        return ec2.describeSnapshots(r -> r.ownerIds("self").filters(
                Filter.builder().name("tag:" + key).values(value).build(),
                Filter.builder().name("status").values("completed").build()))
                .snapshots().stream()
                .max(Comparator.comparing(Snapshot::startTime))
                .orElseThrow(() -> ActionFailedException.permanent(
                        "no completed snapshot tagged " + key + "=" + value + " in " + region));
    }

    private String image(Ec2Client ec2, RecoveryCommand c, Snapshot snapshot, Optional<Instance> original) {
        String name = imageName(c.commandId());
        String root = original.map(Instance::rootDeviceName).orElse("/dev/xvda");
        try {
            return ec2.registerImage(r -> r.name(name)
                    .description("Revive re-provision of " + c.params().get("instanceId") + " from " + snapshot.snapshotId())
                    .rootDeviceName(root)
                    .architecture(original.map(i -> i.architectureAsString()).orElse("x86_64"))
                    .virtualizationType("hvm").enaSupport(true)
                    .blockDeviceMappings(b -> b.deviceName(root).ebs(e -> e.snapshotId(snapshot.snapshotId())
                            .deleteOnTermination(true).volumeType("gp3")))
                    .tagSpecifications(tags(ResourceType.IMAGE, List.of(tag(MANAGED_TAG, "true"),
                            tag("revive:command", c.commandId())))))
                    .imageId();
        } catch (AwsServiceException e) {
            if (!"InvalidAMIName.Duplicate".equals(AwsErrors.code(e))) {
                throw e;
            }
            // A resumed command: the image of the first attempt exists.
            return ec2.describeImages(r -> r.owners("self").filters(Filter.builder().name("name").values(name).build()))
                    .images().get(0).imageId();
        }
    }

    private static boolean imageAvailable(Ec2Client ec2, String imageId) {
        return ec2.describeImages(r -> r.imageIds(imageId)).images().stream()
                .anyMatch(i -> i.state() == ImageState.AVAILABLE);
    }

    private RunInstancesRequest launch(RecoveryCommand c, String imageId, Optional<Instance> original, boolean isDr) {
        List<Tag> tags = new ArrayList<>();
        original.ifPresent(o -> o.tags().stream()
                .filter(t -> !t.key().startsWith("aws:") && !t.key().startsWith("revive:"))
                .forEach(tags::add));
        tags.add(tag(MANAGED_TAG, "true"));
        tags.add(tag("revive:replaces", c.params().get("instanceId")));
        tags.add(tag("revive:command", c.commandId()));
        var b = RunInstancesRequest.builder().imageId(imageId).minCount(1).maxCount(1)
                .clientToken(clientToken(c.commandId()))
                .instanceType(original.map(Instance::instanceTypeAsString).orElse(dr.fallbackInstanceType()))
                .tagSpecifications(tags(ResourceType.INSTANCE, tags));
        if (isDr) {
            dr.subnetId().ifPresent(b::subnetId);
            dr.securityGroupIds().ifPresent(b::securityGroupIds);
            dr.keyName().or(() -> original.map(Instance::keyName)).ifPresent(b::keyName);
        } else {
            Instance o = original.orElseThrow();
            b.subnetId(o.subnetId()).securityGroupIds(o.securityGroups().stream().map(GroupIdentifier::groupId).toList());
            if (o.keyName() != null) {
                b.keyName(o.keyName());
            }
        }
        original.map(Instance::iamInstanceProfile).ifPresent(p -> b.iamInstanceProfile(i -> i.arn(p.arn())));
        return b.build();
    }

    /** EC2 takes up to 64 ASCII characters as ClientToken; a longer command id is hashed into one. */
    static String clientToken(String commandId) {
        if (commandId.length() <= 64) {
            return commandId;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(commandId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AMI names allow letters, digits and ( ) [ ] . / - ' @ _ only. */
    static String imageName(String commandId) {
        return "revive-" + commandId.replaceAll("[^A-Za-z0-9()\\[\\]./'@_-]", "-");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static TagSpecification tags(ResourceType type, List<Tag> tags) {
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }
}
