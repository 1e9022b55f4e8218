package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void lineBreaksAndControlCharactersBecomeOneSpace() {
        assertThat(Subjects.sanitize("KSE: added: My key\r\nBcc: victim@example.com"))
                .isEqualTo("KSE: added: My key Bcc: victim@example.com")
                .doesNotContain("\r").doesNotContain("\n");
        assertThat(Subjects.sanitize("a\u0000b\u2028c\u0085d\te")).isEqualTo("a b c d e");
        assertThat(Subjects.sanitize("  padded  ")).isEqualTo("padded");
        assertThat(Subjects.sanitize(null)).isEmpty();
    }

    @Test
    void longSubjectsAreBounded() {
        assertThat(Subjects.sanitize("x".repeat(1_000))).hasSize(Subjects.MAX_LENGTH).endsWith("\u2026");
        assertThat(Subjects.oneLine("label\nwith break", 100)).isEqualTo("label with break");
        assertThat(Subjects.oneLine("y".repeat(150), 100)).hasSize(100);
    }

    @Test
    void aCutNeverSplitsAnEmoji() {
        String subject = Subjects.sanitize("x".repeat(Subjects.MAX_LENGTH - 2) + "\uD83D\uDD11 key");
        String line = Subjects.oneLine("ab\uD83D\uDD11cd", 4);

        assertThat(subject).endsWith("x\u2026").hasSize(Subjects.MAX_LENGTH - 1);
        assertThat(line).isEqualTo("ab\u2026");
    }
}
