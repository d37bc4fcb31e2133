package hudson.plugins.git.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.plugins.git.Revision;
import java.io.Serializable;
import java.util.Set;

/** Left out: {@code @ExportedBean}. */
public class BuildData implements Action, Serializable, Cloneable {

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull Revision getLastBuiltRevision() {
        throw new UnsupportedOperationException();
    }

    public Set<String> getRemoteUrls() {
        throw new UnsupportedOperationException();
    }
}
