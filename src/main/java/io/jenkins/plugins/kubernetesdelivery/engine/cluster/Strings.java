package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

/** Normalising optional text inputs, and user text shown on a console line. */
public final class Strings {

    private Strings() {}

    /** {@code null} for null or blank text, else the text without leading and trailing white space. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Text someone else wrote (a reason, a Lease holder, an input echoed in a problem) made safe for one console line:
     * runs of white space become one space, every other control or format character (escape sequences, bidi
     * overrides, zero-width characters) becomes {@code ?}, and text beyond {@code max} characters is cut and ends with
     * "…". Null stays null.
     */
    public static String printable(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < s.length() && b.length() <= max; ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            int type = Character.getType(c);
            boolean unsafe = Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (unsafe) {
                b.append('?');
            } else {
                b.appendCodePoint(c);
            }
        }
        if (b.length() <= max) {
            return b.toString();
        }
        int end = Character.isHighSurrogate(b.charAt(max - 1)) ? max - 1 : max;
        return b.substring(0, end) + "…";
    }
}
