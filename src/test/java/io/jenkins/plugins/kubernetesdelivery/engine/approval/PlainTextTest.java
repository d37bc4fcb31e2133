package io.jenkins.plugins.kubernetesdelivery.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void controlCharactersAndDirectionOverridesBecomeSpaces() {
        assertThat(PlainText.line("a\nb\r\nc\td\u001b[31me\u202ef\u2066g\u0085h", 100))
                .isEqualTo("a b c d [31me f g h");
    }

    @Test
    void markupIsLeftToTheViewsToEscape() {
        assertThat(PlainText.line("<script>alert('x')</script>", 100)).isEqualTo("<script>alert('x')</script>");
    }

    @Test
    void longTextIsCutWithAMark() {
        assertThat(PlainText.line("abcdefghij", 5)).isEqualTo("abcd…");
        assertThat(PlainText.line("abcde", 5)).isEqualTo("abcde");
        assertThat(PlainText.line("abc\uD83D\uDE00def", 5))
                .as("never half a surrogate pair")
                .isEqualTo("abc…");
        assertThat(PlainText.line(null, 5)).isNull();
    }

    @Test
    void shortIds() {
        assertThat(PlainText.shortId("c0ffee0000000000000000000000000000000012", 12))
                .isEqualTo("c0ffee000000");
        assertThat(PlainText.shortId("abc", 12)).isEqualTo("abc");
        assertThat(PlainText.shortId(null, 12)).isNull();
    }
}
