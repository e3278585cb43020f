package dev.revive.policy.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.common.contract.HostMetrics;
import dev.revive.common.contract.ProbeResult;
import dev.revive.common.contract.RecoveryResult;

/**
 * Text that comes from outside the policy (a server's answer in a probe's detail, a command's output, a provider's
 * reason) is cleaned where it enters, before anything stores it: PostgreSQL refuses a NUL in text and jsonb
 * ({@code \u0000} cannot be stored), so one NUL in a detail made the DOWN's decision fail and the record go to the
 * dead-letter topic — the server never got an incident. Control characters other than tab, line feed and carriage
 * return (C0, DEL, C1) and unpaired surrogates become U+FFFD. The producers clean their side too; this side does
 * not rely on it. A string without such characters is returned as is (no copy: the health path reads 100 000s a
 * second).
 */
public final class OutsideText {

    public static final char REPLACEMENT = '\uFFFD';

    private OutsideText() {
    }

    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        int n = s.length();
        while (i < n && ok(s, i)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            b.append(ok(s, i) ? s.charAt(i) : REPLACEMENT);
        }
        return b.toString();
    }

    /** Whether the char at {@code i} may stay: printable, tab/LF/CR, or half of a well-formed surrogate pair. */
    private static boolean ok(String s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7F) {
            return true;
        }
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c <= 0x9F) {
            return false; // DEL and C1
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }

    public static ProbeResult clean(ProbeResult r) {
        ProbeResult.DriftReport d = r.drift();
        ProbeResult.DriftReport drift = d == null || d.delta() == clean(d.delta()) ? d
                : new ProbeResult.DriftReport(d.changedFraction(), d.changedRanges(), d.literalBytes(), clean(d.delta()));
        String id = clean(r.id());
        String targetId = clean(r.targetId());
        String location = clean(r.location());
        String proberId = clean(r.proberId());
        String address = clean(r.address());
        String detail = clean(r.detail());
        if (id == r.id() && targetId == r.targetId() && location == r.location() && proberId == r.proberId()
                && address == r.address() && detail == r.detail() && drift == d) {
            return r;
        }
        return new ProbeResult(id, targetId, location, proberId, r.seq(), r.startedAt(), r.durationMicros(), r.outcome(),
                r.errorClass(), r.statusCode(), r.tlsDaysLeft(), address, drift, detail);
    }

    public static RecoveryResult clean(RecoveryResult r) {
        return new RecoveryResult(clean(r.commandId()), clean(r.incidentId()), clean(r.targetId()), r.step(), clean(r.action()),
                r.status(), r.nonRecoverable(), clean(r.reason()), clean(r.output()), clean(r.newInstanceId()),
                clean(r.newAddress()), r.startedAt(), r.finishedAt(), clean(r.originalInstanceId()), clean(r.originalAddress()),
                clean(r.newRegion()));
    }

    public static DeliveryReceipt clean(DeliveryReceipt r) {
        return new DeliveryReceipt(clean(r.notificationId()), clean(r.incidentId()), clean(r.targetId()), r.channel(),
                clean(r.recipient()), r.status(), r.attempts(), clean(r.reason()), clean(r.providerMessageId()), r.at());
    }

    public static HostMetrics clean(HostMetrics m) {
        List<HostMetrics.PortStates> ports = new ArrayList<>(m.ports().size());
        for (HostMetrics.PortStates p : m.ports()) {
            Map<String, Integer> states = null;
            if (p.states() != null) {
                states = new LinkedHashMap<>();
                for (var e : p.states().entrySet()) {
                    states.put(clean(e.getKey()), e.getValue());
                }
            }
            ports.add(new HostMetrics.PortStates(p.port(), states));
        }
        return new HostMetrics(clean(m.id()), clean(m.targetId()), clean(m.host()), clean(m.instanceId()), m.at(), ports);
    }
}
