package io.jenkins.plugins.kubernetesdelivery.engine.approval;

/**
 * Makes text from the cluster, the SCM or a Jenkinsfile safe to show on one line of a console, a page or a prompt:
 * control characters (line breaks, escape sequences that could start a console note or move the cursor) and Unicode
 * direction overrides become spaces, and long text is cut. HTML is left to the view, which escapes it: the text stays
 * plain text, never markup.
 */
public final class PlainText {

    private PlainText() {}

    /** {@code text} on one line of at most {@code max} characters ({@code …} marks a cut); null stays null. */
    public static String line(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(unsafe(c) ? ' ' : c);
        }
        String s = b.toString().replaceAll(" {2,}", " ").strip();
        if (s.length() > max) {
            int cut = Math.max(0, max - 1);
            if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
                cut--;
            }
            s = s.substring(0, cut) + "…";
        }
        return s;
    }

    /** The first {@code length} characters of a commit id or digest, for messages. */
    public static String shortId(String id, int length) {
        if (id == null) {
            return null;
        }
        String s = line(id, 200);
        return s.length() <= length ? s : s.substring(0, length);
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c)
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
