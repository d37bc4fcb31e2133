package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Trivial bodies, as the real ones. */
public class Util {

    @CheckForNull
    public static String fixEmpty(@CheckForNull String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s;
    }

    @CheckForNull
    public static String fixEmptyAndTrim(@CheckForNull String s) {
        if (s == null) {
            return null;
        }
        return fixEmpty(s.trim());
    }
}
