package org.jenkinsci.plugins.workflow.flow;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.springframework.security.core.Authentication;

public abstract class FlowExecution {

    public abstract FlowExecutionOwner getOwner();

    public abstract @CheckForNull FlowNode getNode(String id) throws IOException;

    public /* abstract */ @NonNull Authentication getAuthentication2() {
        throw new UnsupportedOperationException();
    }
}
