package dev.revive.policy.incident;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.revive.common.contract.RecoveryResult;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.AwsInstance;
import dev.revive.common.contract.TargetSpec.Drill;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;
import dev.revive.common.validation.AddressRules;
import dev.revive.common.validation.TargetSpecValidator;

/**
 * After a re-provision the target is served by a new instance: the spec that names the replaced one is rewritten to
 * name the new one, so that the next incident acts on the instance now serving. Pure: which spec follows from a
 * result.
 *
 * <ul>
 * <li>{@code aws.instanceId}, and every ladder step's and the drill's own {@code instanceId} parameter, that name the
 * replaced instance name the new one;</li>
 * <li>when the new instance runs in another region (DR): {@code aws.region} and those steps' own {@code region}
 * become that region, and the Elastic IP allocation is dropped from them (an Elastic IP cannot leave its region);
 * {@code drRegion} and the snapshot tag stay;</li>
 * <li>a probe that names the server by an IP address (URL host or TCP host) probes the new address instead, when
 * that is an IP address of the same kind (public for public, private for private); a probe by name is left alone.</li>
 * </ul>
 * The original instance is not forgotten: it is watched as {@code <targetId>.original} ({@link OriginalWatch}).
 */
public final class Replacement {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Replacement() {
    }

    /**
     * The rewritten spec and what changed.
     *
     * @param replacedRegion / region      null when the region did not change
     * @param droppedElasticIp             the allocation dropped with a region change (null: none)
     * @param replacedAddress / address    null when the probe was left as it was
     */
    public record Adopted(TargetSpec spec, String replacedInstanceId, String instanceId, String replacedRegion,
            String region, String droppedElasticIp, String replacedAddress, String address) {
    }

    /**
     * The spec that follows the result's new instance; empty when the result names none, or the spec does not name
     * the replaced instance (already adopted, or changed by someone since), or the rewritten spec would not be valid.
     */
    public static Optional<Adopted> adopt(TargetSpec spec, RecoveryResult r) {
        String from = r.originalInstanceId();
        String to = r.newInstanceId();
        if (spec == null || !r.succeeded() || from == null || to == null || from.equals(to)) {
            return Optional.empty();
        }
        String newRegion = r.newRegion();
        String oldRegion = regionOf(spec, from);
        boolean moved = newRegion != null && oldRegion != null && !newRegion.equals(oldRegion);
        AwsInstance aws = spec.aws();
        String droppedEip = null;
        AwsInstance newAws = aws;
        if (aws != null && from.equals(aws.instanceId())) {
            droppedEip = moved ? aws.elasticIpAllocationId() : null;
            newAws = new AwsInstance(to, moved ? newRegion : aws.region(), aws.drRegion(),
                    moved ? null : aws.elasticIpAllocationId(), aws.snapshotTag());
        }
        List<LadderStep> steps = new ArrayList<>();
        for (LadderStep s : spec.recovery().steps()) {
            steps.add(follow(spec, s, from, to, newRegion));
        }
        Drill drill = spec.drill() == null || spec.drill().stop() == null ? spec.drill()
                : new Drill(follow(spec, spec.drill().stop(), from, to, newRegion), spec.drill().drillSafe());
        RecoveryPlan p = spec.recovery();
        TargetSpec named = new TargetSpec(spec.id(), spec.name(), spec.tags(), spec.probe(), spec.locations(),
                spec.detection(), new RecoveryPlan(p.graceSeconds(), p.verifySeconds(), p.resetWindowSeconds(),
                        p.actionBudgetPerDay(), steps), spec.notifications(), newAws, drill);
        if (named.equals(spec)) {
            return Optional.empty(); // the spec does not name the replaced instance (any more)
        }
        String replacedRegion = moved ? oldRegion : null;
        String region = moved ? newRegion : null;
        Probe probe = retarget(spec.probe(), r.newAddress());
        if (probe != spec.probe()) {
            TargetSpec probed = withProbe(named, probe);
            if (TargetSpecValidator.validate(probed).isEmpty()) {
                return Optional.of(new Adopted(probed, from, to, replacedRegion, region,
                        droppedEip, hostOf(spec.probe()), hostOf(probe)));
            }
        }
        if (!TargetSpecValidator.validate(named).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Adopted(named, from, to, replacedRegion, region,
                droppedEip, null, null));
    }

    private static boolean moved(TargetSpec spec, String from, String newRegion) {
        String old = regionOf(spec, from);
        return newRegion != null && old != null && !newRegion.equals(old);
    }

    /** A step that acts on the replaced instance acts on the new one, in its region. */
    private static LadderStep follow(TargetSpec spec, LadderStep s, String from, String to, String newRegion) {
        if (!from.equals(spec.resolvedParams(s).get("instanceId"))) {
            return s;
        }
        Map<String, String> params = new HashMap<>(s.params());
        if (params.containsKey("instanceId")) {
            params.put("instanceId", to);
        }
        if (moved(spec, from, newRegion)) {
            params.computeIfPresent("region", (k, v) -> newRegion);
            params.remove("elasticIpAllocationId"); // an Elastic IP stays in its region
        }
        return params.equals(s.params()) ? s : new LadderStep(s.action(), params);
    }

    /** The region the spec names for the replaced instance: its aws block's, else that of the first step naming it. */
    private static String regionOf(TargetSpec spec, String instanceId) {
        if (spec.aws() != null && instanceId.equals(spec.aws().instanceId())) {
            return spec.aws().region();
        }
        for (LadderStep s : spec.recovery().steps()) {
            Map<String, String> p = spec.resolvedParams(s);
            if (instanceId.equals(p.get("instanceId")) && p.get("region") != null) {
                return p.get("region");
            }
        }
        return null;
    }

    /** The probe at the new address when it names the server by an IP of the same kind; else the same probe. */
    static Probe retarget(Probe p, String address) {
        if (p == null || address == null || !isIp(address)) {
            return p;
        }
        if (p.url() != null) {
            URI u;
            try {
                u = URI.create(p.url());
            } catch (IllegalArgumentException e) {
                return p;
            }
            String host = unbracket(u.getHost());
            if (host == null || !isIp(host) || host.equals(address) || !sameKind(host, address)) {
                return p;
            }
            String h = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
            String url = u.getScheme() + "://" + (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@") + h
                    + (u.getPort() > 0 ? ":" + u.getPort() : "") + (u.getRawPath() == null ? "" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
                    + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
            return probe(p, url, p.host());
        }
        if (p.host() != null && isIp(p.host()) && !p.host().equals(address) && sameKind(p.host(), address)) {
            return probe(p, null, address);
        }
        return p;
    }

    private static String hostOf(Probe p) {
        if (p == null) {
            return null;
        }
        if (p.url() != null) {
            try {
                return unbracket(URI.create(p.url()).getHost());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return p.host();
    }

    private static String unbracket(String host) {
        return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || IPV6.matcher(s).matches();
    }

    /** Both literals of one kind (public, private, loopback): the address rules the operator's probe passed hold. */
    private static boolean sameKind(String a, String b) {
        try {
            // Literals only (checked above): getByName parses them and looks nothing up.
            InetAddress x = InetAddress.getByName(a);
            InetAddress y = InetAddress.getByName(b);
            return x.getClass() == y.getClass() && AddressRules.kind(x) == AddressRules.kind(y)
                    && AddressRules.kind(x) != AddressRules.Kind.FORBIDDEN;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Probe probe(Probe p, String url, String host) {
        return new Probe(p.kind(), url, host, p.port(), p.intervalMs(), p.timeoutMs(), p.method(), p.headers(),
                p.expectedStatus(), p.followRedirects(), p.bodyMustContain(), p.bodyMustNotContain(), p.bodyRegex(),
                p.keepAlive(), p.drift());
    }

    private static TargetSpec withProbe(TargetSpec t, Probe p) {
        return new TargetSpec(t.id(), t.name(), t.tags(), p, t.locations(), t.detection(), t.recovery(), t.notifications(),
                t.aws(), t.drill());
    }
}
