package dev.revive.notifier.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Recipient;

/** Routing's rule: a request goes to its own recipients plus those of every rule it matches, each once. */
public final class Routing {

    private Routing() {
    }

    public static List<Recipient> recipients(NotificationRequest r, List<RouteRule> rules) {
        Set<Recipient> out = new LinkedHashSet<>(r.recipients());
        for (RouteRule rule : rules) {
            if (rule.matches(r)) {
                out.add(rule.recipient());
            }
        }
        return new ArrayList<>(out);
    }
}
