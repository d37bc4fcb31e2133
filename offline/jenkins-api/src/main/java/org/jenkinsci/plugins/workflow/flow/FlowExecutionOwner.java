package org.jenkinsci.plugins.workflow.flow;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.Serializable;

/** The members the plugin uses: a build's flow execution, its executable (the build) and its log. */
public abstract class FlowExecutionOwner implements Serializable {

    @NonNull
    public abstract FlowExecution get() throws IOException;

    public @CheckForNull FlowExecution getOrNull() {
        throw new UnsupportedOperationException();
    }

    public abstract Queue.Executable getExecutable() throws IOException;

    public @NonNull TaskListener getListener() throws IOException {
        throw new UnsupportedOperationException();
    }

    public interface Executable extends Queue.Executable {

        @CheckForNull FlowExecutionOwner asFlowExecutionOwner();
    }
}
