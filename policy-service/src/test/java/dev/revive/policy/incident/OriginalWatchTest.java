package dev.revive.policy.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.testkit.TargetSpecs;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.contract.TargetSpec.Detection;
import dev.revive.common.contract.TargetSpec.LadderStep;
import dev.revive.common.contract.TargetSpec.Probe;
import dev.revive.common.contract.TargetSpec.ProbeKind;
import dev.revive.common.contract.TargetSpec.RecoveryPlan;
import dev.revive.common.validation.TargetSpecValidator;

/** Which spec watches the original instance after a re-provision: pure. */
class OriginalWatchTest {

    static TargetSpec site(String url) {
        return TargetSpecs.of("web-1").name("Web 1").tags("prod")
                .probe(TargetSpecs.ProbeBuilder.http(url).interval(2000).timeout(800).mustContain("Welcome").build())
                .locations("eu", "us")
                .detection(new Detection(2, 3, 1, 60, 100, 14, 500L, null))
                .grace(5).verify(30).resetWindow(600).budget(6).step("aws-reprovision", Map.of())
                .notify(dev.revive.common.contract.Channel.EMAIL, "ops@example.com")
                .aws(new TargetSpec.AwsInstance("i-0123456789abcdef0", "eu-west-1", null, "eipalloc-0123456789abcdef0", "revive=web-1"))
                .build();
    }

    @Test
    void watches_the_original_address_on_the_https_port_with_the_target_s_timings_and_no_ladder() {
        TargetSpec w = OriginalWatch.derive(site("https://www.example.com/health"), "inc-7", "10.0.1.5");

        assertThat(w.id()).isEqualTo("web-1.original");
        assertThat(w.probe().kind()).isEqualTo(ProbeKind.TCP);
        assertThat(w.probe().host()).isEqualTo("10.0.1.5");
        assertThat(w.probe().port()).isEqualTo(443);
        assertThat(w.probe().intervalMs()).isEqualTo(2000L);
        assertThat(w.probe().timeoutMs()).isEqualTo(800L);
        assertThat(w.locations()).containsExactly("eu", "us");
        assertThat(w.detection().failureThreshold()).isEqualTo(2);
        assertThat(w.detection().recoveryThreshold()).isEqualTo(3);
        assertThat(w.detection().maxEstablished()).isNull();
        assertThat(w.detection().latencyBudgetMs()).isNull();
        assertThat(w.recovery().steps()).isEmpty();
        assertThat(w.notifications()).isEmpty();
        assertThat(w.aws()).isNull();
        assertThat(OriginalWatch.incidentOf(w)).isEqualTo("inc-7");
        assertThat(TargetSpecValidator.validate(w)).isEmpty();
    }

    @Test
    void takes_the_port_from_the_url_or_the_address_and_defaults_http_to_80() {
        assertThat(OriginalWatch.derive(site("http://www.example.com/"), "i", "10.0.1.5").probe().port()).isEqualTo(80);
        assertThat(OriginalWatch.derive(site("http://www.example.com:8080/"), "i", "10.0.1.5").probe().port()).isEqualTo(8080);
        TargetSpec w = OriginalWatch.derive(site("https://www.example.com/"), "i", "10.0.1.5:8443");
        assertThat(w.probe().host()).isEqualTo("10.0.1.5");
        assertThat(w.probe().port()).isEqualTo(8443);
    }

    @Test
    void watches_nothing_without_an_address_and_an_ordinary_target_is_not_a_watch() {
        assertThat(OriginalWatch.derive(site("https://www.example.com/"), "i", null)).isNull();
        assertThat(OriginalWatch.derive(site("https://www.example.com/"), "i", " ")).isNull();
        assertThat(OriginalWatch.isDerived(site("https://www.example.com/"))).isFalse();
    }

    @Test
    void keeps_a_long_target_id_within_the_id_limit() {
        String id = "a".repeat(60);
        assertThat(OriginalWatch.idFor(id)).hasSize(63).endsWith(".original");
    }
}
