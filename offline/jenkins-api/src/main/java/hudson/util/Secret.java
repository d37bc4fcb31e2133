package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Trivial bodies (no encryption): offline tests make credentials with secrets. */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    @NonNull
    private final String value;

    /*package*/ Secret(String value) {
        this.value = value;
    }

    @NonNull
    public String getPlainText() {
        return value;
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return new Secret(data == null ? "" : data);
    }
}
