package io.kse.keycloak.notify;

/**
 * Mail subjects built from user-controlled values (a device label, a name) must stay one header line: CR, LF and
 * every other control character become a space, runs of whitespace collapse, and the length is bounded.
 */
final class Subjects {

    static final int MAX_LENGTH = 200;

    private Subjects() {
    }

    static String sanitize(String subject) {
        if (subject == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(subject.length());
        boolean lastWasSpace = false;
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isISOControl(c)
                    || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (space) {
                if (!lastWasSpace) {
                    clean.append(' ');
                }
            } else {
                clean.append(c);
            }
            lastWasSpace = space;
        }
        String result = clean.toString().strip();
        if (result.length() > MAX_LENGTH) {
            result = cut(result, MAX_LENGTH - 1).stripTrailing() + "\u2026";
        }
        return result;
    }

    /** A user-controlled value placed into a subject or a single-line field: one line, bounded. */
    static String oneLine(String value, int maxLength) {
        String line = sanitize(value);
        return line.length() > maxLength ? cut(line, maxLength - 1) + "\u2026" : line;
    }

    /** The first {@code length} chars, one fewer if that would split a surrogate pair (half an emoji is not text). */
    private static String cut(String value, int length) {
        int end = length > 0 && Character.isHighSurrogate(value.charAt(length - 1)) ? length - 1 : length;
        return value.substring(0, end);
    }
}
