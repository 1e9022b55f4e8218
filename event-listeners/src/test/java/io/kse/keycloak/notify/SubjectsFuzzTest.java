package io.kse.keycloak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the subject sanitiser, which sees user-controlled labels and names: fuzzed for 20 s in every build
 * ({@code kse.fuzz}), otherwise a regression test. Whatever goes in, one bounded header line comes out.
 */
class SubjectsFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyInputBecomesOneBoundedWellFormedLine(FuzzedDataProvider data) {
        int max = data.consumeInt(2, 300);
        String input = data.consumeRemainingAsString();

        String subject = Subjects.sanitize(input);
        String line = Subjects.oneLine(input, max);

        for (String out : new String[] {subject, line}) {
            assertThat(out).doesNotContain("\r", "\n", "\u2028", "\u2029", "\u0085");
            assertThat(out.chars().noneMatch(Character::isISOControl)).as("control characters in %s", out).isTrue();
            assertThat(out).isEqualTo(out.strip());
            // Text decoded from UTF-8 (every request) has no lone surrogates; a cut must not create one.
            if (wellFormed(input)) {
                assertThat(wellFormed(out)).as("a surrogate pair was split").isTrue();
            }
        }
        assertThat(subject.length()).isLessThanOrEqualTo(Subjects.MAX_LENGTH);
        assertThat(line.length()).isLessThanOrEqualTo(max);
        assertThat(Subjects.sanitize(subject)).as("idempotent").isEqualTo(subject);
    }

    /** No lone surrogate: half an emoji would reach the mail header as a replacement character. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
