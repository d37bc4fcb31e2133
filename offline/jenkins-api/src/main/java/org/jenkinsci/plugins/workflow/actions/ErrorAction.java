package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * No trivial bodies: the real constructor checks the error against Jenkins' XStream, so only Pipeline makes one. The
 * plugin reads it from flow nodes.
 */
public class ErrorAction implements PersistentAction {

    public ErrorAction(@NonNull Throwable error) {
        throw new UnsupportedOperationException();
    }

    public @NonNull Throwable getError() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}
