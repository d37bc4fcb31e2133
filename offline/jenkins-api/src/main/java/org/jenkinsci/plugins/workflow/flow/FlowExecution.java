package org.jenkinsci.plugins.workflow.flow;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

public abstract class FlowExecution {

    public /* abstract */ @NonNull Authentication getAuthentication2() {
        throw new UnsupportedOperationException();
    }
}
