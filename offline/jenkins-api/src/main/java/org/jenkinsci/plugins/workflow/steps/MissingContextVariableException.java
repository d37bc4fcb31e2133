package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

public class MissingContextVariableException extends Exception {

    private final @NonNull Class<?> type;

    public MissingContextVariableException(@NonNull Class<?> type, @CheckForNull StepDescriptor d) {
        this.type = type;
    }

    public Class<?> getType() {
        return type;
    }

    private static final long serialVersionUID = 1L;
}
