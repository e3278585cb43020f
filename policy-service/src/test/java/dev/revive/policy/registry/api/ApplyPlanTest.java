package dev.revive.policy.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.policy.incident.OriginalWatch;
import dev.revive.testkit.TargetSpecs;

class ApplyPlanTest {

    static TargetSpec t(String id, String url) {
        return TargetSpecs.http(id, url).build();
    }

    @Test
    void creates_updates_and_leaves_the_same_alone() {
        var plan = ApplyPlan.of(List.of(t("a", "https://a.example.com/"), t("b", "https://b2.example.com/"), t("c", "https://c.example.com/")),
                List.of(t("b", "https://b.example.com/"), t("c", "https://c.example.com/"), t("d", "https://d.example.com/")), false);
        assertThat(plan.created()).extracting(TargetSpec::id).containsExactly("a");
        assertThat(plan.updated()).extracting(TargetSpec::id).containsExactly("b");
        assertThat(plan.deleted()).isEmpty();
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.view(true)).containsEntry("dryRun", true).containsEntry("unchanged", 1);
    }

    @Test
    void prune_deletes_what_the_file_does_not_list_but_never_an_original_instance_watch() {
        TargetSpec parent = TargetSpecs.http("shop", "https://shop.example.com/").build();
        TargetSpec watch = OriginalWatch.derive(parent, "inc-1", "203.0.113.7");
        assertThat(OriginalWatch.isDerived(watch)).isTrue();
        List<TargetSpec> registered = List.of(parent, t("old", "https://old.example.com/"), watch);
        var plan = ApplyPlan.of(List.of(parent), registered, true);
        assertThat(plan.deleted()).containsExactly("old");
        assertThat(ApplyPlan.of(List.of(parent), registered, false).deleted()).isEmpty();
        assertThat(ApplyPlan.of(List.of(parent), List.of(parent), true).isEmpty()).isTrue();
    }
}
