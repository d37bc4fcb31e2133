package org.jenkinsci.plugins.workflow.support.steps.input;

import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The members approveFor and its tests use. Real supertype: {@code AbstractStepExecutionImpl}; left out:
 * {@code ModelObject}, {@code @ExportedBean}. Its constructor is package-private, as in the real one: only
 * {@link InputStep#start} makes one.
 */
public class InputStepExecution extends StepExecution {

    InputStepExecution(InputStep input, StepContext context) {
        super(context);
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean start() throws Exception {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public String getId() {
        throw new UnsupportedOperationException();
    }

    public InputStep getInput() {
        throw new UnsupportedOperationException();
    }

    public boolean isSettled() {
        throw new UnsupportedOperationException();
    }
}
