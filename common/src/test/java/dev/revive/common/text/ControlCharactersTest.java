package dev.revive.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void removes_nul_escape_carriage_return_del_and_c1_but_keeps_tab_and_line_feed() {
        assertThat(ControlCharacters.clean("a\u0000b\u001b[31mc\r\nd\te\u007f\u0085f")).isEqualTo("ab[31mc\nd\tef");
    }

    @Test
    void keeps_text_without_controls_as_it_is_including_surrogate_pairs() {
        String s = "héllo \uD83D\uDE00 wörld";
        assertThat(ControlCharacters.clean(s)).isSameAs(s);
        assertThat(ControlCharacters.isClean(s)).isTrue();
    }

    @Test
    void removes_lone_surrogates_and_keeps_null() {
        assertThat(ControlCharacters.clean("a\uD83Db\uDE00c")).isEqualTo("abc");
        assertThat(ControlCharacters.clean(null)).isNull();
    }
}
