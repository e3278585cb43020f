package dev.revive.notifier.storm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StormGateTest {

    @Test
    void under_both_limits_goes_out_on_its_own() {
        assertThat(StormGate.overLimit(4, 59, 5, 60)).isFalse();
    }

    @Test
    void target_at_its_limit_is_grouped() {
        assertThat(StormGate.overLimit(5, 5, 5, 60)).isTrue();
    }

    @Test
    void fleet_at_the_global_limit_is_grouped_even_for_a_quiet_target() {
        assertThat(StormGate.overLimit(0, 60, 5, 60)).isTrue();
    }
}
