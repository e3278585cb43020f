package dev.revive.notifier.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.NotificationRequest.Recipient;
import dev.revive.common.contract.Severity;

class RoutingTest {

    private static final Recipient ADMIN = new Recipient(Channel.EMAIL, "admin@example.test");
    private static final String HOOK = "https://hooks.example.test/prod";
    private static final RouteRule PROD_CRITICAL_TO_SLACK = new RouteRule("prod-critical", Set.of("prod"), null, null,
            Severity.CRITICAL, Channel.SLACK, HOOK);

    private static NotificationRequest request(Severity severity, List<String> tags, Recipient... to) {
        return new NotificationRequest("n-1", "inc-1", "shop", "shop.example.com", Kind.OPENED, severity, 0, null,
                "down", Map.of(), Map.of(), List.of(to), List.of(), tags, Instant.EPOCH, null);
    }

    @Test
    void matching_rule_adds_its_recipient_after_the_requests_own() {
        var r = request(Severity.CRITICAL, List.of("prod", "eu"), ADMIN);
        assertThat(Routing.recipients(r, List.of(PROD_CRITICAL_TO_SLACK)))
                .containsExactly(ADMIN, new Recipient(Channel.SLACK, HOOK));
    }

    @Test
    void rule_adds_nothing_when_the_request_lacks_one_of_its_tags() {
        var r = request(Severity.CRITICAL, List.of("staging"), ADMIN);
        assertThat(Routing.recipients(r, List.of(PROD_CRITICAL_TO_SLACK))).containsExactly(ADMIN);
    }

    @Test
    void rule_adds_nothing_below_its_minimum_severity() {
        var r = request(Severity.WARNING, List.of("prod"), ADMIN);
        assertThat(Routing.recipients(r, List.of(PROD_CRITICAL_TO_SLACK))).containsExactly(ADMIN);
    }

    @Test
    void recipient_the_request_already_names_is_not_added_twice() {
        var r = request(Severity.CRITICAL, List.of("prod"), ADMIN, new Recipient(Channel.SLACK, HOOK));
        var twice = new RouteRule("again", Set.of(), null, null, null, Channel.SLACK, HOOK);
        assertThat(Routing.recipients(r, List.of(PROD_CRITICAL_TO_SLACK, twice)))
                .containsExactly(ADMIN, new Recipient(Channel.SLACK, HOOK));
    }

    @Test
    void rule_limited_to_targets_and_kinds_matches_only_those() {
        var oncall = new RouteRule("oncall", null, Set.of("shop"), Set.of(Kind.NEEDS_HUMAN), null, Channel.EMAIL,
                "oncall@example.test");
        assertThat(Routing.recipients(request(Severity.CRITICAL, List.of()), List.of(oncall))).isEmpty();
    }

    @Test
    void request_without_recipients_gets_those_of_the_rules_it_matches() {
        var everything = new RouteRule("all", null, null, null, null, Channel.EMAIL, "ops@example.test");
        assertThat(Routing.recipients(request(null, List.of()), List.of(everything)))
                .containsExactly(new Recipient(Channel.EMAIL, "ops@example.test"));
    }
}
