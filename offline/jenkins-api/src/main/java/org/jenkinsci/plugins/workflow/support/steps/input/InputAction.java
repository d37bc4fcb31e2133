package org.jenkinsci.plugins.workflow.support.steps.input;

import hudson.model.Run;
import java.util.List;
import java.util.concurrent.TimeoutException;
import jenkins.model.RunAction2;

/** Left out: {@code @ExportedBean}. */
public class InputAction implements RunAction2 {

    @Override
    public void onAttached(Run<?, ?> r) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onLoad(Run<?, ?> r) {
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

    public synchronized List<InputStepExecution> getExecutions() throws InterruptedException, TimeoutException {
        throw new UnsupportedOperationException();
    }
}
