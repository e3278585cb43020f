package dev.revive.notifier.routing;

import java.util.Set;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.Severity;

/**
 * One routing rule: a request that meets every condition set here also goes to {@code channel}/{@code to}. An empty
 * set or a null severity is no condition.
 *
 * @param tags        tags the request must all carry (the target's tags)
 * @param targets     target ids, one of which the request must be about
 * @param kinds       kinds, one of which the request must be
 * @param minSeverity lowest severity that matches (a request without a severity does not)
 */
public record RouteRule(String name, Set<String> tags, Set<String> targets, Set<Kind> kinds, Severity minSeverity,
        Channel channel, String to) {

    public RouteRule {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        targets = targets == null ? Set.of() : Set.copyOf(targets);
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    }

    public boolean matches(NotificationRequest r) {
        return r.tags().containsAll(tags)
                && (targets.isEmpty() || targets.contains(r.targetId()))
                && (kinds.isEmpty() || kinds.contains(r.kind()))
                && (minSeverity == null || r.severity() != null && r.severity().compareTo(minSeverity) >= 0);
    }

    public NotificationRequest.Recipient recipient() {
        return new NotificationRequest.Recipient(channel, to);
    }
}
