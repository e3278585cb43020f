package dev.revive.notifier.routing;

import java.util.List;
import java.util.Map;

import dev.revive.notifier.channel.RecipientRules;
import dev.revive.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The routing rules of {@code revive.notifier.routes.<name>.*}, checked once at start-up. */
@ApplicationScoped
public class Routes {

    private final List<RouteRule> rules;

    Routes(NotifierConfig config) {
        this.rules = config.routes().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            NotifierConfig.Route r = e.getValue();
            RouteRule rule = new RouteRule(e.getKey(), r.matchTags().orElse(null), r.matchTargets().orElse(null),
                    r.matchKinds().orElse(null), r.minSeverity().orElse(null), r.channel(), r.to());
            // A bad address would fail every matching request; refuse to start instead.
            RecipientRules.problem(rule.channel(), rule.to()).ifPresent(p -> {
                throw new IllegalStateException("revive.notifier.routes." + e.getKey() + ": " + p);
            });
            return rule;
        }).toList();
    }

    public List<RouteRule> rules() {
        return rules;
    }
}
