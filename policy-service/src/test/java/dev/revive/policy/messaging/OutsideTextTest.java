package dev.revive.policy.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutsideTextTest {

    @Test
    void nul_and_other_control_characters_become_the_replacement_character() {
        assertThat(OutsideText.clean("a\u0000b\u0007c\u007Fd\u0085e")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
    }

    @Test
    void tabs_line_breaks_and_other_scripts_stay() {
        String s = "line 1\r\n\tline 2 — ünïcødé 日本 \uD83D\uDE00";
        assertThat(OutsideText.clean(s)).isSameAs(s);
    }

    @Test
    void an_unpaired_surrogate_is_replaced() {
        assertThat(OutsideText.clean("x\uD800y\uDC00")).isEqualTo("x\uFFFDy\uFFFD");
    }

    @Test
    void null_stays_null() {
        assertThat(OutsideText.clean((String) null)).isNull();
    }
}
