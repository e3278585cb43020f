package dev.revive.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.NotificationRequest.Kind;
import dev.revive.common.contract.Severity;
import dev.revive.notifier.support.ChannelStubsResource;
import dev.revive.testkit.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The Qute templates as the service loads them (time zone Europe/Paris in the test profile). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = @ResourceArg(name = "database", value = "notifier"))
@QuarkusTestResource(value = ChannelStubsResource.class, restrictToAnnotatedClass = false)
class RendererIT {

    @Inject
    Renderer renderer;

    private static NotificationRequest request(Kind kind, Map<String, String> facts) {
        return new NotificationRequest("n-1", "inc-1", "t-1", "shop.example.com", kind, Severity.CRITICAL, 2,
                "REPROVISION_SAME_REGION", "connection refused", facts, Map.of("incident", "https://revive.test/i/1"),
                List.of(), List.of(new NotificationRequest.TimelineEntry(Instant.parse("2025-07-01T12:00:00Z"), "went down")),
                List.of(), Instant.parse("2025-07-01T12:47:30Z"), null);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_kind_has_its_own_subject_and_a_body_with_the_timeline(Kind kind) {
        Rendered r = renderer.render(request(kind, Map.of()));
        assertThat(r.subject()).startsWith("[Revive]").doesNotContain("\n").doesNotContain("{");
        // Summer time in Paris: 12:00 UTC is 14:00.
        assertThat(r.text()).contains("2025-07-01 14:00:00 Europe/Paris  went down");
        assertThat(r.html()).contains("went down").contains("<a href=\"https://revive.test/i/1\">Incident</a>");
    }

    @Test
    void subjects_tell_the_kinds_apart() {
        long distinct = java.util.Arrays.stream(Kind.values()).map(k -> renderer.render(request(k, Map.of())).subject())
                .distinct().count();
        assertThat(distinct).isEqualTo(Kind.values().length);
    }

    @Test
    void resolved_tells_the_outage_duration_from_the_facts() {
        assertThat(renderer.render(request(Kind.RESOLVED, Map.of("downSince", "2025-07-01T12:00:00Z"))).subject())
                .isEqualTo("[Revive] shop.example.com is back up after 47m 30s");
        assertThat(renderer.render(request(Kind.RESOLVED, Map.of("outageDuration", "PT1H2M"))).text())
                .contains("the outage lasted 1h 02m");
    }

    @Test
    void step_failed_names_the_step_and_its_action() {
        assertThat(renderer.render(request(Kind.STEP_FAILED, Map.of())).subject())
                .isEqualTo("[Revive] shop.example.com: step 2 (REPROVISION_SAME_REGION) failed");
    }

    @Test
    void html_escapes_what_comes_from_the_request() {
        var r = new NotificationRequest("n-2", null, "t-1", "<script>x</script>", Kind.WARNING, Severity.WARNING, 0, null,
                "a < b", Map.of(), Map.of(), List.of(), List.of(), List.of(), Instant.parse("2025-07-01T12:00:00Z"), null);
        assertThat(renderer.render(r).html()).doesNotContain("<script>").contains("&lt;script&gt;");
    }
}
