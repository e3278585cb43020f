package dev.revive.policy.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.validation.Violation;
import dev.revive.testkit.TargetSpecs;
import jakarta.ws.rs.core.MultivaluedHashMap;

class EditFormTest {

    @Test
    void a_spec_round_trips_through_the_form() {
        TargetSpec t = TargetSpecs.http("shop", "https://shop.example.com/").name("Shop").tags("web", "eu").interval(5_000L)
                .threshold(2, 1).step("exec", java.util.Map.of("command", "restart-apache")).statusPage("Web", "Shop front").build();
        EditForm f = EditForm.of(t);
        assertThat(f.get("probe.url")).isEqualTo("https://shop.example.com/");
        assertThat(f.get("tags")).isEqualTo("web, eu");
        assertThat(f.get("statusPage.listed")).isEqualTo("on");
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        f.values().forEach(form::add);
        List<Violation> bad = new ArrayList<>();
        TargetSpec back = EditForm.from(form).toSpec(bad);
        assertThat(bad).isEmpty();
        assertThat(back).isEqualTo(t);
    }

    @Test
    void unreadable_inputs_are_named() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("id", "x");
        form.add("probe.port", "eighty");
        form.add("advanced", "recovery: [unclosed");
        List<Violation> bad = new ArrayList<>();
        assertThat(EditForm.from(form).toSpec(bad)).isNull();
        assertThat(bad).extracting(Violation::field).containsExactly("advanced");
        form.putSingle("advanced", "notAField: 1");
        bad.clear();
        EditForm.from(form).toSpec(bad);
        assertThat(bad).extracting(Violation::field).contains("probe.port");
        form.putSingle("probe.port", "80");
        bad.clear();
        EditForm.from(form).toSpec(bad);
        assertThat(bad).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("notAField"));
    }

    @Test
    void api_errors_land_at_their_input() {
        assertThat(EditForm.fieldFor("probe.url")).isEqualTo("probe.url");
        assertThat(EditForm.fieldFor("tags[3]")).isEqualTo("tags");
        assertThat(EditForm.fieldFor("recovery.steps[0].action")).isEqualTo("advanced");
        assertThat(EditForm.fieldFor("$")).isEqualTo("$");
    }
}
