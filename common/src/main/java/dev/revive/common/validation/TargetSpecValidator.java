package dev.revive.common.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
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
 *
 * <p>Every string, list, map and number has an upper bound: a spec travels as one Kafka record (the broker's default
 * limit is 1 MB, and the largest spec these bounds allow stays well below it), and a duration must stay far from
 * {@link java.time.Instant}'s range when added to now.
 */
public final class TargetSpecValidator {

    /**
     * What a service adds to the checks of the spec alone.
     *
     * @param addresses          which addresses probe URLs, TCP hosts and webhook URLs may point at; its resolver may
     *                           block, so {@link #validate(TargetSpec, Rules)} must then run off an event loop
     * @param flapHoldDown       the service's flap hold-down (a target's UP waits that long while it is flapping): the
     *                           verification window must be longer wherever damping applies; null: not checked
     * @param defaultFlapChanges the service's flap-changes, for targets that do not set {@code detection.flapChanges}
     *                           (0: damping off)
     */
    public record Rules(AddressRules addresses, Duration flapHoldDown, int defaultFlapChanges) {
        /** Only what holds everywhere: literal link-local and metadata addresses refused, names not looked up. */
        public static final Rules SPEC_ONLY = new Rules(AddressRules.LITERALS_ONLY, null, 0);
    }

    public static final int MAX_NAME = 200;
    public static final int MAX_TAGS = 32;
    public static final int MAX_TAG = 64;
    public static final int MAX_LOCATIONS = 32;
    public static final int MAX_URL = 2048;
    public static final int MAX_HOST = 253;
    public static final int MAX_HEADERS = 32;
    public static final int MAX_HEADER_NAME = 128;
    public static final int MAX_HEADER_VALUE = 4096;
    public static final int MAX_STATUSES = 16;
    public static final int MAX_BODY_KEYWORD = 1024;
    public static final int MAX_REGEX = 512;
    public static final long MAX_INTERVAL_MS = 86_400_000;
    public static final long MAX_TIMEOUT_MS = 300_000;
    public static final int MAX_THRESHOLD = 100;
    public static final int MAX_QUORUM = MAX_LOCATIONS;
    public static final int MAX_WINDOW_SECONDS = 86_400;
    public static final int MAX_ESTABLISHED = 10_000_000;
    public static final int MAX_TLS_MIN_DAYS = 3650;
    public static final long MAX_LATENCY_BUDGET_MS = 600_000;
    public static final int MAX_FLAP_CHANGES = 1000;
    public static final long MAX_GRACE_SECONDS = 7 * 86_400;
    public static final long MAX_VERIFY_SECONDS = 86_400;
    public static final long MAX_RESET_WINDOW_SECONDS = 30 * 86_400;
    public static final int MAX_ACTION_BUDGET = 1000;
    public static final int MAX_STEPS = 16;
    public static final int MAX_PARAMS = 16;
    public static final int MAX_PARAM_VALUE = 256;
    public static final int MAX_ROUTES = 32;
    public static final int MAX_SNAPSHOT_TAG = 256;
    /** The signal sources the policy takes in. */
    public static final List<String> SIGNALS = List.of("alertmanager");
    /** RFC 7230 {@code token}: what a header name may be. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the HTTP client sets itself: a value of the spec's would make a malformed or smuggled request. */
    private static final List<String> FRAMING_HEADERS = List.of("content-length", "transfer-encoding", "connection", "upgrade",
            "te", "trailer", "keep-alive", "proxy-connection");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern STATUS = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");
    /** A Route 53 hosted zone id, bare or as {@code /hostedzone/ID}. */
    public static final Pattern DNS_ZONE_ID = Pattern.compile("(/hostedzone/)?[A-Z0-9]{1,32}");
    /** A host name of two labels or more, with or without the final dot; no wildcard. */
    public static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");
    /** A DNS TTL in seconds, 0 to a day. */
    public static final Pattern DNS_TTL = Pattern.compile("[0-9]{1,4}|[1-7][0-9]{4}|8[0-5][0-9]{3}|86[0-3][0-9]{2}|86400");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,3}|[1-2][0-9]{3}|3[0-5][0-9]{2}|3600");
    private static final Pattern ALLOCATION = Pattern.compile("eipalloc-[0-9a-f]{8,17}");
    /** Further parameters an exec command may declare (the actuator passes them as REVIVE_PARAM_<NAME>). */
    private static final Pattern EXEC_PARAM = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final long MIN_INTERVAL_MS = 100;

    private TargetSpecValidator() {
    }

    /** All violations of the spec alone ({@link Rules#SPEC_ONLY}), empty when it is valid. */
    public static List<Violation> validate(TargetSpec t) {
        return validate(t, Rules.SPEC_ONLY);
    }

    /** All violations under a service's rules, empty when the spec is valid. May block (see {@link Rules#addresses}). */
    public static List<Violation> validate(TargetSpec t, Rules rules) {
        List<Violation> v = new ArrayList<>();
        if (t == null) {
            v.add(new Violation("$", "a target is required"));
            return v;
        }
        if (t.id() == null || !ID.matcher(t.id()).matches()) {
            v.add(new Violation("id", "must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"));
        }
        text("name", t.name(), MAX_NAME, v);
        list("tags", t.tags(), MAX_TAGS, v);
        for (int i = 0; i < Math.min(t.tags().size(), MAX_TAGS); i++) {
            String tag = t.tags().get(i);
            check(tag != null && !tag.isBlank(), "tags[" + i + "]", "must not be blank", v);
            text("tags[" + i + "]", tag, MAX_TAG, v);
        }
        list("locations", t.locations(), MAX_LOCATIONS, v);
        for (int i = 0; i < Math.min(t.locations().size(), MAX_LOCATIONS); i++) {
            String l = t.locations().get(i);
            check(l != null && NAME.matcher(l).matches(), "locations[" + i + "]",
                    "must be 1-64 characters of letters, digits, '.', '_' or '-'", v);
        }
        probe(t.probe(), rules.addresses(), v);
        detection(t.detection(), v);
        recovery(t, v);
        verificationOutlastsHoldDown(t, rules, v);
        drill(t, v);
        statusPage(t.statusPage(), v);
        list("notifications", t.notifications(), MAX_ROUTES, v);
        for (int i = 0; i < Math.min(t.notifications().size(), MAX_ROUTES); i++) {
            route("notifications[" + i + "]", t.notifications().get(i), rules.addresses(), v);
        }
        if (t.aws() != null) {
            var a = t.aws();
            check(a.instanceId() == null || INSTANCE.matcher(a.instanceId()).matches(), "aws.instanceId", "must look like i-0123456789abcdef0", v);
            check(a.region() == null || REGION.matcher(a.region()).matches(), "aws.region", "must be an AWS region such as eu-west-1", v);
            check(a.drRegion() == null || REGION.matcher(a.drRegion()).matches(), "aws.drRegion", "must be an AWS region such as eu-central-1", v);
            check(a.elasticIpAllocationId() == null || ALLOCATION.matcher(a.elasticIpAllocationId()).matches(),
                    "aws.elasticIpAllocationId", "must look like eipalloc-0123456789abcdef0", v);
            check(a.snapshotTag() == null || a.snapshotTag().indexOf('=') > 0, "aws.snapshotTag", "must be key=value", v);
            text("aws.snapshotTag", a.snapshotTag(), MAX_SNAPSHOT_TAG, v);
        }
        return v;
    }

    /** Throws {@link ValidationException} when the spec is not valid under the rules. */
    public static TargetSpec requireValid(TargetSpec t, Rules rules) {
        List<Violation> v = validate(t, rules);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
        return t;
    }

    /** Throws {@link ValidationException} when the spec is not valid. */
    public static TargetSpec requireValid(TargetSpec t) {
        List<Violation> v = validate(t);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
        return t;
    }

    private static void probe(Probe p, AddressRules addresses, List<Violation> v) {
        if (p == null) {
            v.add(new Violation("probe", "is required"));
            return;
        }
        if (p.kind() == null) {
            v.add(new Violation("probe.kind", "is required (HTTP, TCP, CONTENT_DRIFT or HOST_AGENT)"));
            return;
        }
        switch (p.kind()) {
            case HTTP, CONTENT_DRIFT -> httpUrl("probe.url", p.url(), addresses, v);
            case TCP -> {
                if (p.host() == null || p.host().isBlank()) {
                    v.add(new Violation("probe.host", "is required for a TCP probe"));
                } else if (p.host().length() > MAX_HOST + 2) {
                    v.add(new Violation("probe.host", "must be at most " + MAX_HOST + " characters"));
                } else {
                    address("probe.host", p.host(), addresses, v);
                }
                check(p.port() != null && p.port() > 0 && p.port() < 65536, "probe.port", "must be 1-65535", v);
            }
            case HOST_AGENT -> { }
        }
        if (p.kind() != TargetSpec.ProbeKind.HTTP && p.kind() != TargetSpec.ProbeKind.CONTENT_DRIFT && p.url() != null) {
            // Not probed, but published and shown: bounded, and no address the prober would refuse to reach.
            text("probe.url", p.url(), MAX_URL, v);
        }
        check(p.intervalMs() == null || p.intervalMs() >= MIN_INTERVAL_MS && p.intervalMs() <= MAX_INTERVAL_MS, "probe.intervalMs",
                p.intervalMs() != null && p.intervalMs() > MAX_INTERVAL_MS ? "must be at most " + MAX_INTERVAL_MS + " (a day)"
                        : "must be at least " + MIN_INTERVAL_MS, v);
        if (p.retryIntervalMs() != null) {
            // Checked against the interval in force (the default one when none is set); equal turns retries off.
            long interval = p.effectiveIntervalMs();
            check(p.retryIntervalMs() > 0 && p.retryIntervalMs() <= interval, "probe.retryIntervalMs",
                    "must be positive and at most the probe interval (" + interval + " ms); equal to it turns retries off", v);
        }
        check(p.timeoutMs() == null || p.timeoutMs() > 0, "probe.timeoutMs", "must be positive", v);
        atMost("probe.timeoutMs", p.timeoutMs(), MAX_TIMEOUT_MS, v);
        if (p.method() != null && !List.of("GET", "HEAD", "POST", "OPTIONS").contains(p.method())) {
            v.add(new Violation("probe.method", "must be GET, HEAD, POST or OPTIONS"));
        }
        headers(p.headers(), v);
        list("probe.expectedStatus", p.expectedStatus(), MAX_STATUSES, v);
        for (int i = 0; i < Math.min(p.expectedStatus().size(), MAX_STATUSES); i++) {
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
        text("probe.bodyMustContain", p.bodyMustContain(), MAX_BODY_KEYWORD, v);
        text("probe.bodyMustNotContain", p.bodyMustNotContain(), MAX_BODY_KEYWORD, v);
        if (p.bodyRegex() != null && p.bodyRegex().length() > MAX_REGEX) {
            v.add(new Violation("probe.bodyRegex", "must be at most " + MAX_REGEX + " characters"));
        } else if (p.bodyRegex() != null) {
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
        if (d != null && d.signals() != null) {
            list("detection.signals", d.signals(), 8, v);
            for (int i = 0; i < Math.min(d.signals().size(), 8); i++) {
                String sig = d.signals().get(i);
                check(sig != null && SIGNALS.contains(sig), "detection.signals[" + i + "]", "must be one of " + SIGNALS, v);
            }
        }
        check(d.failureThreshold() == null || d.failureThreshold() >= 1, "detection.failureThreshold", "must be at least 1", v);
        check(d.recoveryThreshold() == null || d.recoveryThreshold() >= 1, "detection.recoveryThreshold", "must be at least 1", v);
        check(d.quorum() == null || d.quorum() >= 1, "detection.quorum", "must be at least 1", v);
        check(d.windowSeconds() == null || d.windowSeconds() >= 1, "detection.windowSeconds", "must be at least 1", v);
        check(d.maxEstablished() == null || d.maxEstablished() >= 1, "detection.maxEstablished", "must be at least 1", v);
        check(d.tlsMinDays() == null || d.tlsMinDays() >= 0, "detection.tlsMinDays", "must not be negative", v);
        check(d.latencyBudgetMs() == null || d.latencyBudgetMs() >= 1, "detection.latencyBudgetMs", "must be at least 1", v);
        check(d.flapChanges() == null || d.flapChanges() >= 0, "detection.flapChanges", "must not be negative", v);
        atMost("detection.failureThreshold", d.failureThreshold(), MAX_THRESHOLD, v);
        atMost("detection.recoveryThreshold", d.recoveryThreshold(), MAX_THRESHOLD, v);
        atMost("detection.quorum", d.quorum(), MAX_QUORUM, v);
        atMost("detection.windowSeconds", d.windowSeconds(), MAX_WINDOW_SECONDS, v);
        atMost("detection.maxEstablished", d.maxEstablished(), MAX_ESTABLISHED, v);
        atMost("detection.tlsMinDays", d.tlsMinDays(), MAX_TLS_MIN_DAYS, v);
        atMost("detection.latencyBudgetMs", d.latencyBudgetMs(), MAX_LATENCY_BUDGET_MS, v);
        atMost("detection.flapChanges", d.flapChanges(), MAX_FLAP_CHANGES, v);
    }

    private static void recovery(TargetSpec t, List<Violation> v) {
        RecoveryPlan r = t.recovery();
        check(r.graceSeconds() == null || r.graceSeconds() >= 0, "recovery.graceSeconds", "must not be negative", v);
        check(r.verifySeconds() == null || r.verifySeconds() >= 1, "recovery.verifySeconds", "must be at least 1", v);
        check(r.resetWindowSeconds() == null || r.resetWindowSeconds() >= 0, "recovery.resetWindowSeconds", "must not be negative", v);
        check(r.actionBudgetPerDay() == null || r.actionBudgetPerDay() >= 0, "recovery.actionBudgetPerDay", "must not be negative", v);
        atMost("recovery.graceSeconds", r.graceSeconds(), MAX_GRACE_SECONDS, v);
        atMost("recovery.verifySeconds", r.verifySeconds(), MAX_VERIFY_SECONDS, v);
        atMost("recovery.resetWindowSeconds", r.resetWindowSeconds(), MAX_RESET_WINDOW_SECONDS, v);
        atMost("recovery.actionBudgetPerDay", r.actionBudgetPerDay(), MAX_ACTION_BUDGET, v);
        list("recovery.steps", r.steps(), MAX_STEPS, v);
        for (int i = 0; i < Math.min(r.steps().size(), MAX_STEPS); i++) {
            step(t, "recovery.steps[" + i + "]", r.steps().get(i), v);
        }
    }

    /**
     * A flapping target's UP waits for the hold-down; a step's verification window no longer than that can never see
     * it, so every step of a flapping target would count as failed and the ladder climb for nothing.
     */
    private static void verificationOutlastsHoldDown(TargetSpec t, Rules rules, List<Violation> v) {
        if (rules.flapHoldDown() == null || t.recovery().steps().isEmpty()) {
            return;
        }
        Integer own = t.detection().flapChanges();
        int changes = own == null ? rules.defaultFlapChanges() : own;
        long holdDown = (long) Math.ceil(rules.flapHoldDown().toMillis() / 1000.0);
        if (changes > 0 && t.recovery().effectiveVerifySeconds() <= holdDown) {
            v.add(new Violation("recovery.verifySeconds", "must be longer than the flap hold-down (" + holdDown
                    + " s, revive.detection.flap-hold-down): a flapping target's UP waits that long, so a shorter window"
                    + " never sees a step work" + (own == null ? " (or set detection.flapChanges to 0 to turn damping off)" : "")));
        }
    }

    private static void statusPage(TargetSpec.StatusPage p, List<Violation> v) {
        if (p != null) {
            text("statusPage.group", p.group(), MAX_TAG, v);
            text("statusPage.displayName", p.displayName(), MAX_NAME, v);
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
        Action a = t.drill().stop().actionType();
        check(a == null || TargetSpec.Drill.allows(t.drill(), t.drill().stop()), "drill.stop.action",
                "action " + t.drill().stop().action() + " replaces the server; a drill may run it only when drill.drillSafe is true", v);
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
        if (step.params().size() > MAX_PARAMS) {
            v.add(new Violation(path + ".params", "must have at most " + MAX_PARAMS + " entries"));
            return;
        }
        for (var e : step.params().entrySet()) {
            String key = e.getKey();
            String p = path + ".params." + (key.length() > 64 ? key.substring(0, 64) + "..." : key);
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
            } else {
                text(p, e.getValue(), MAX_PARAM_VALUE, v);
            }
        }
        String inst = resolved.get("instanceId");
        check(inst == null || INSTANCE.matcher(inst).matches(), path + ".params.instanceId", "must look like i-0123456789abcdef0", v);
        dns(path, resolved, v);
        String timeout = step.params().get("timeoutSeconds");
        check(timeout == null || SECONDS.matcher(timeout).matches(), path + ".params.timeoutSeconds",
                "must be a whole number of seconds (0-3600)", v);
        for (String named : List.of("command", "template", "namespace", "deployment", "container")) {
            String val = step.params().get(named);
            check(val == null || NAME.matcher(val).matches(), path + ".params." + named,
                    "must be a name from the allow-list (letters, digits, '.', '_', '-'), not a command line", v);
        }
    }

    /** A re-provision's DNS record: zone and name together, each well-formed; a TTL only with them. */
    private static void dns(String path, Map<String, String> p, List<Violation> v) {
        String zone = p.get("dnsZoneId");
        String name = p.get("dnsName");
        String ttl = p.get("dnsTtl");
        check((zone == null) == (name == null), path + ".params." + (zone == null ? "dnsZoneId" : "dnsName"),
                "is required with " + (zone == null ? "dnsName" : "dnsZoneId") + " (the Route 53 record to update)", v);
        check(ttl == null || zone != null || name != null, path + ".params.dnsTtl", "needs dnsZoneId and dnsName", v);
        check(zone == null || DNS_ZONE_ID.matcher(zone).matches(), path + ".params.dnsZoneId",
                "must be a Route 53 hosted zone id (e.g. Z0123456789ABCDEFGHIJ)", v);
        check(name == null || DNS_NAME.matcher(name).matches(), path + ".params.dnsName",
                "must be a host name (e.g. www.example.com), no wildcard", v);
        check(ttl == null || DNS_TTL.matcher(ttl).matches(), path + ".params.dnsTtl",
                "must be a whole number of seconds (0-86400)", v);
    }

    private static void route(String path, NotificationRoute r, AddressRules addresses, List<Violation> v) {
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
        if (r.to().length() > MAX_URL) {
            v.add(new Violation(path + ".to", "must be at most " + MAX_URL + " characters"));
            return;
        }
        switch (r.channel()) {
            case EMAIL, SES -> check(r.to().length() <= 254 && r.to().matches("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+"), path + ".to",
                    "must be an email address", v);
            case SNS -> check(r.to().length() <= 256 && r.to().matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}"),
                    path + ".to", "must be an SNS topic ARN", v);
            case SLACK, WEBHOOK -> httpUrl(path + ".to", r.to(), addresses, v);
        }
    }

    private static void httpUrl(String field, String url, AddressRules addresses, List<Violation> v) {
        if (url == null || url.isBlank()) {
            v.add(new Violation(field, "is required"));
            return;
        }
        if (url.length() > MAX_URL) {
            v.add(new Violation(field, "must be at most " + MAX_URL + " characters"));
            return;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                address(field, u.getHost(), addresses, v);
            } else {
                v.add(new Violation(field, "must be an absolute http(s) URL with a host"));
            }
        } catch (URISyntaxException e) {
            v.add(new Violation(field, "is not a valid URL: " + e.getReason()));
        }
    }

    private static void address(String field, String host, AddressRules addresses, List<Violation> v) {
        String why = addresses.refusal(host);
        if (why != null) {
            v.add(new Violation(field, "host " + why));
        }
    }

    private static void headers(Map<String, String> headers, List<Violation> v) {
        if (headers.size() > MAX_HEADERS) {
            v.add(new Violation("probe.headers", "must have at most " + MAX_HEADERS + " entries"));
            return;
        }
        for (var e : headers.entrySet()) {
            String name = e.getKey();
            if (name.length() > MAX_HEADER_NAME || !TOKEN.matcher(name).matches()) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name.replaceAll("\\p{Cntrl}", "?");
                v.add(new Violation("probe.headers." + shown, "a header name must be 1-" + MAX_HEADER_NAME
                        + " characters of an RFC 7230 token (letters, digits and !#$%&'*+-.^_`|~)"));
                continue;
            }
            String field = "probe.headers." + name;
            if (FRAMING_HEADERS.contains(name.toLowerCase())) {
                v.add(new Violation(field, "is set by the prober itself"));
                continue;
            }
            String value = e.getValue();
            if (value == null) {
                v.add(new Violation(field, "must not be null"));
            } else if (value.length() > MAX_HEADER_VALUE) {
                v.add(new Violation(field, "must be at most " + MAX_HEADER_VALUE + " characters"));
            } else if (!value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f)) {
                v.add(new Violation(field, "a header value must be printable ASCII (no CR, LF or other control characters)"));
            }
        }
    }

    /** A single-line text: at most {@code max} characters, no control characters (NUL cannot even be stored). */
    private static void text(String field, String value, int max, List<Violation> v) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            v.add(new Violation(field, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            v.add(new Violation(field, "must not contain control characters"));
        }
    }

    private static void list(String field, List<?> list, int max, List<Violation> v) {
        if (list.size() > max) {
            v.add(new Violation(field, "must have at most " + max + " entries"));
        }
    }

    private static void atMost(String field, Number value, long max, List<Violation> v) {
        if (value != null && value.longValue() > max) {
            v.add(new Violation(field, "must be at most " + max));
        }
    }

    private static void check(boolean ok, String field, String message, List<Violation> v) {
        if (!ok) {
            v.add(new Violation(field, message));
        }
    }
}
