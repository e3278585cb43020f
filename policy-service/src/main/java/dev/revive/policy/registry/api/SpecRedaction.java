package dev.revive.policy.registry.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.NotificationRoute;
import dev.revive.common.contract.TargetSpec.Probe;

/**
 * A target as anyone but an admin sees it. Redacted: every probe header value (which header carries a credential is
 * not knowable: Authorization, Cookie, X-Api-Key, a vendor's own; the names stay, so a reader still sees what is sent),
 * the user info and query of the probe URL (passwords, {@code ?token=}), and Slack and webhook URLs past their host (a
 * Slack incoming-webhook URL is its own credential). Email addresses and SNS topic ARNs are addresses, not credentials.
 */
public final class SpecRedaction {

    public static final String REDACTED = "<redacted>";

    private SpecRedaction() {
    }

    public static TargetSpec redact(TargetSpec t) {
        Probe p = t.probe();
        Probe probe = p == null ? null : new Probe(p.kind(), url(p.url(), false), p.host(), p.port(), p.intervalMs(), p.timeoutMs(),
                p.method(), headers(p.headers()), p.expectedStatus(), p.followRedirects(), p.bodyMustContain(),
                p.bodyMustNotContain(), p.bodyRegex(), p.keepAlive(), p.drift(), p.retryIntervalMs());
        var routes = t.notifications().stream().map(r -> r == null || r.channel() == null ? r : switch (r.channel()) {
            case SLACK, WEBHOOK -> new NotificationRoute(r.channel(), url(r.to(), true), r.minSeverity());
            default -> r;
        }).toList();
        return new TargetSpec(t.id(), t.name(), t.tags(), probe, t.locations(), t.detection(), t.recovery(), routes, t.aws(),
                t.drill(), t.statusPage());
    }

    private static Map<String, String> headers(Map<String, String> h) {
        Map<String, String> out = new LinkedHashMap<>();
        h.keySet().stream().sorted().forEach(k -> out.put(k, REDACTED));
        return out;
    }

    /** Scheme, host, port and path (or only scheme, host and port); the rest redacted. */
    static String url(String url, boolean hostOnly) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getRawAuthority() == null) {
                return REDACTED;
            }
            String host = u.getHost() != null ? u.getHost() : REDACTED;
            StringBuilder sb = new StringBuilder(u.getScheme()).append("://");
            if (u.getRawUserInfo() != null) {
                sb.append(REDACTED).append('@');
            }
            sb.append(host);
            if (u.getPort() >= 0) {
                sb.append(':').append(u.getPort());
            }
            if (hostOnly) {
                return u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/") ? sb.toString()
                        : sb.append('/').append(REDACTED).toString();
            }
            sb.append(u.getRawPath() == null ? "" : u.getRawPath());
            if (u.getRawQuery() != null) {
                sb.append('?').append(REDACTED);
            }
            return sb.toString();
        } catch (URISyntaxException e) {
            return REDACTED;
        }
    }
}
