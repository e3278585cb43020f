package dev.revive.common.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.revive.common.contract.Action;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.NotificationRoute;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;

/**
 * Checks a {@link TargetSpec} before it is stored or published. Every problem is reported with the JSON path of
 * the field, so a REST client or a YAML author knows exactly what to fix.
 */
public final class TargetSpecValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern STATUS = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern ALLOCATION = Pattern.compile("eipalloc-[0-9a-f]{8,17}");
    /** Further parameters an exec command may declare (the actuator passes them as REVIVE_PARAM_<NAME>). */
    private static final Pattern EXEC_PARAM = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final long MIN_INTERVAL_MS = 100;

    private TargetSpecValidator() {
    }

    /** All violations, empty when the spec is valid. */
    public static List<Violation> validate(TargetSpec t) {
        List<Violation> v = new ArrayList<>();
        if (t == null) {
            v.add(new Violation("$", "a target is required"));
            return v;
        }
        if (t.id() == null || !ID.matcher(t.id()).matches()) {
            v.add(new Violation("id", "must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"));
        }
        probe(t.probe(), v);
        detection(t.detection(), v);
        recovery(t, v);
        drill(t, v);
        for (int i = 0; i < t.notifications().size(); i++) {
            route("notifications[" + i + "]", t.notifications().get(i), v);
        }
        if (t.aws() != null) {
            var a = t.aws();
            check(a.instanceId() == null || INSTANCE.matcher(a.instanceId()).matches(), "aws.instanceId", "must look like i-0123456789abcdef0", v);
            check(a.region() == null || REGION.matcher(a.region()).matches(), "aws.region", "must be an AWS region such as eu-west-1", v);
            check(a.drRegion() == null || REGION.matcher(a.drRegion()).matches(), "aws.drRegion", "must be an AWS region such as eu-central-1", v);
            check(a.elasticIpAllocationId() == null || ALLOCATION.matcher(a.elasticIpAllocationId()).matches(),
                    "aws.elasticIpAllocationId", "must look like eipalloc-0123456789abcdef0", v);
            check(a.snapshotTag() == null || a.snapshotTag().indexOf('=') > 0, "aws.snapshotTag", "must be key=value", v);
        }
        return v;
    }

    /** Throws {@link ValidationException} when the spec is not valid. */
    public static TargetSpec requireValid(TargetSpec t) {
        List<Violation> v = validate(t);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
        return t;
    }

    private static void probe(Probe p, List<Violation> v) {
        if (p == null) {
            v.add(new Violation("probe", "is required"));
            return;
        }
        if (p.kind() == null) {
            v.add(new Violation("probe.kind", "is required (HTTP, TCP, CONTENT_DRIFT or HOST_AGENT)"));
            return;
        }
        switch (p.kind()) {
            case HTTP, CONTENT_DRIFT -> httpUrl("probe.url", p.url(), v);
            case TCP -> {
                check(p.host() != null && !p.host().isBlank(), "probe.host", "is required for a TCP probe", v);
                check(p.port() != null && p.port() > 0 && p.port() < 65536, "probe.port", "must be 1-65535", v);
            }
            case HOST_AGENT -> { }
        }
        check(p.intervalMs() == null || p.intervalMs() >= MIN_INTERVAL_MS, "probe.intervalMs", "must be at least " + MIN_INTERVAL_MS, v);
        check(p.timeoutMs() == null || p.timeoutMs() > 0, "probe.timeoutMs", "must be positive", v);
        if (p.method() != null && !List.of("GET", "HEAD", "POST", "OPTIONS").contains(p.method())) {
            v.add(new Violation("probe.method", "must be GET, HEAD, POST or OPTIONS"));
        }
        for (int i = 0; i < p.expectedStatus().size(); i++) {
            String s = p.expectedStatus().get(i);
            var m = s == null ? null : STATUS.matcher(s.trim());
            boolean ok = m != null && m.matches();
            if (ok) {
                int lo = Integer.parseInt(m.group(1));
                int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
                ok = lo >= 100 && hi <= 599 && lo <= hi;
            }
            check(ok, "probe.expectedStatus[" + i + "]", "must be a status (200) or a range (200-399) within 100-599", v);
        }
        if (p.bodyRegex() != null) {
            try {
                Pattern.compile(p.bodyRegex());
            } catch (PatternSyntaxException e) {
                v.add(new Violation("probe.bodyRegex", "is not a valid regular expression: " + e.getDescription()));
            }
        }
        if (p.drift() != null) {
            var d = p.drift();
            check(d.blockSize() == null || (d.blockSize() >= 16 && d.blockSize() <= 65_536), "probe.drift.blockSize", "must be 16-65536", v);
            check(d.maxChangedFraction() == null || (d.maxChangedFraction() >= 0 && d.maxChangedFraction() <= 1),
                    "probe.drift.maxChangedFraction", "must be between 0 and 1", v);
            check(d.maxDeltaBytes() == null || (d.maxDeltaBytes() >= 0 && d.maxDeltaBytes() <= 65_536),
                    "probe.drift.maxDeltaBytes", "must be 0-65536", v);
        }
    }

    private static void detection(Detection d, List<Violation> v) {
        check(d.failureThreshold() == null || d.failureThreshold() >= 1, "detection.failureThreshold", "must be at least 1", v);
        check(d.recoveryThreshold() == null || d.recoveryThreshold() >= 1, "detection.recoveryThreshold", "must be at least 1", v);
        check(d.quorum() == null || d.quorum() >= 1, "detection.quorum", "must be at least 1", v);
        check(d.windowSeconds() == null || d.windowSeconds() >= 1, "detection.windowSeconds", "must be at least 1", v);
        check(d.maxEstablished() == null || d.maxEstablished() >= 1, "detection.maxEstablished", "must be at least 1", v);
        check(d.tlsMinDays() == null || d.tlsMinDays() >= 0, "detection.tlsMinDays", "must not be negative", v);
        check(d.latencyBudgetMs() == null || d.latencyBudgetMs() >= 1, "detection.latencyBudgetMs", "must be at least 1", v);
        check(d.flapChanges() == null || d.flapChanges() >= 0, "detection.flapChanges", "must not be negative", v);
    }

    private static void recovery(TargetSpec t, List<Violation> v) {
        RecoveryPlan r = t.recovery();
        check(r.graceSeconds() == null || r.graceSeconds() >= 0, "recovery.graceSeconds", "must not be negative", v);
        check(r.verifySeconds() == null || r.verifySeconds() >= 1, "recovery.verifySeconds", "must be at least 1", v);
        check(r.resetWindowSeconds() == null || r.resetWindowSeconds() >= 0, "recovery.resetWindowSeconds", "must not be negative", v);
        check(r.actionBudgetPerDay() == null || r.actionBudgetPerDay() >= 0, "recovery.actionBudgetPerDay", "must not be negative", v);
        for (int i = 0; i < r.steps().size(); i++) {
            step(t, "recovery.steps[" + i + "]", r.steps().get(i), v);
        }
    }

    private static void drill(TargetSpec t, List<Violation> v) {
        if (t.drill() == null) {
            return;
        }
        if (t.drill().stop() == null) {
            v.add(new Violation("drill.stop", "is required in a drill block"));
            return;
        }
        step(t, "drill.stop", t.drill().stop(), v);
    }

    private static void step(TargetSpec t, String path, LadderStep step, List<Violation> v) {
        if (step == null) {
            v.add(new Violation(path, "must not be null"));
            return;
        }
        Action a = step.actionType();
        if (a == null) {
            v.add(new Violation(path + ".action", (step.action() == null ? "is required" : "unknown action '" + step.action() + "'")
                    + "; allowed: " + String.join(", ", Action.wireNames())));
            return;
        }
        Map<String, String> resolved = t.resolvedParams(step);
        for (String req : a.requiredParams()) {
            String val = resolved.get(req);
            if (val == null || val.isBlank()) {
                String hint = a.isAws() && !req.equals("template") ? " (set it here or in aws." + req + ")" : "";
                v.add(new Violation(path + ".params." + req, "is required by action " + a.wireName() + hint));
            }
        }
        for (var e : step.params().entrySet()) {
            String key = e.getKey();
            String p = path + ".params." + key;
            if (a == Action.EXEC && !key.equals("command")) {
                // An exec command declares its own parameters; the policy checks them against the actuators'
                // published capabilities. Here only their shape: a name, and a value that is no command line.
                check(EXEC_PARAM.matcher(key).matches(), p, "must be a camelCase parameter name", v);
                check(e.getValue() != null && NAME.matcher(e.getValue()).matches(), p,
                        "must be a plain value (letters, digits, '.', '_', '-'), not a command line", v);
            } else if (!a.requiredParams().contains(key) && !a.optionalParams().contains(key)) {
                v.add(new Violation(p, "is not a parameter of action " + a.wireName()));
            } else if (e.getValue() == null || e.getValue().isBlank()) {
                v.add(new Violation(p, "must not be blank"));
            }
        }
        String inst = resolved.get("instanceId");
        check(inst == null || INSTANCE.matcher(inst).matches(), path + ".params.instanceId", "must look like i-0123456789abcdef0", v);
        for (String named : List.of("command", "template", "namespace", "deployment")) {
            String val = step.params().get(named);
            check(val == null || NAME.matcher(val).matches(), path + ".params." + named,
                    "must be a name from the allow-list (letters, digits, '.', '_', '-'), not a command line", v);
        }
    }

    private static void route(String path, NotificationRoute r, List<Violation> v) {
        if (r == null) {
            v.add(new Violation(path, "must not be null"));
            return;
        }
        if (r.channel() == null) {
            v.add(new Violation(path + ".channel", "is required (EMAIL, SES, SNS, SLACK or WEBHOOK)"));
            return;
        }
        if (r.to() == null || r.to().isBlank()) {
            v.add(new Violation(path + ".to", "is required"));
            return;
        }
        switch (r.channel()) {
            case EMAIL, SES -> check(r.to().matches("[^@\\s]+@[^@\\s]+"), path + ".to", "must be an email address", v);
            case SNS -> check(r.to().startsWith("arn:aws:sns:"), path + ".to", "must be an SNS topic ARN", v);
            case SLACK, WEBHOOK -> httpUrl(path + ".to", r.to(), v);
        }
    }

    private static void httpUrl(String field, String url, List<Violation> v) {
        if (url == null || url.isBlank()) {
            v.add(new Violation(field, "is required"));
            return;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
            check((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null, field,
                    "must be an absolute http(s) URL with a host", v);
        } catch (URISyntaxException e) {
            v.add(new Violation(field, "is not a valid URL: " + e.getReason()));
        }
    }

    private static void check(boolean ok, String field, String message, List<Violation> v) {
        if (!ok) {
            v.add(new Violation(field, message));
        }
    }
}
