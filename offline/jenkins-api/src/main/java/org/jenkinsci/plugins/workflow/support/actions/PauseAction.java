package org.jenkinsci.plugins.workflow.support.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.InvisibleAction;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/** From workflow-support. The members the plugin's tests use (what Pipeline Graph View keys a pending input on). */
public class PauseAction extends InvisibleAction implements PersistentAction {

    public PauseAction(String cause) {
        throw new UnsupportedOperationException();
    }

    public String getCause() {
        throw new UnsupportedOperationException();
    }

    public boolean isPaused() {
        throw new UnsupportedOperationException();
    }

    public static @CheckForNull PauseAction getCurrentPause(@NonNull FlowNode node) {
        throw new UnsupportedOperationException();
    }

    public static boolean isPaused(@NonNull FlowNode node) {
        throw new UnsupportedOperationException();
    }
}
