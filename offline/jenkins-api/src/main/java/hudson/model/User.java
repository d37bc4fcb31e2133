package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

public class User extends AbstractModelObject {

    private User() {}

    public String getId() {
        throw new UnsupportedOperationException();
    }

    public @NonNull String getFullName() {
        throw new UnsupportedOperationException();
    }

    public @NonNull Authentication impersonate2() throws UsernameNotFoundException {
        throw new UnsupportedOperationException();
    }

    public static @CheckForNull User current() {
        throw new UnsupportedOperationException();
    }

    public static @Nullable User getById(String id, boolean create) {
        throw new UnsupportedOperationException();
    }
}
