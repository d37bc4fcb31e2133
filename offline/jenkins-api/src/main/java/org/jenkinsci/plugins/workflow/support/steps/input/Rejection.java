package org.jenkinsci.plugins.workflow.support.steps.input;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.User;
import jenkins.model.CauseOfInterruption;

/** Left out: {@code @Exported}. No trivial bodies: the real ones look users up in Jenkins. */
public final class Rejection extends CauseOfInterruption {

    public Rejection(@CheckForNull User u) {
        throw new UnsupportedOperationException();
    }

    public @CheckForNull User getUser() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getShortDescription() {
        throw new UnsupportedOperationException();
    }
}
