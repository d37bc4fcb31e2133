package org.jenkinsci.plugins.workflow.support.steps.input;

import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Real supertype: {@code AbstractStepImpl} (legacy), left out. Left out: {@code @ExportedBean}. No trivial bodies:
 * the real {@code setId} needs a running Jenkins (it validates through the descriptor), so an {@code InputStep} is
 * configured and started only in the root build's Pipeline tests.
 */
public class InputStep extends Step implements Serializable {

    @DataBoundConstructor
    public InputStep(String message) {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setId(String id) {
        throw new UnsupportedOperationException();
    }

    public String getId() {
        throw new UnsupportedOperationException();
    }

    public String getSubmitter() {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setSubmitter(String submitter) {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setSubmitterParameter(String submitterParameter) {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setOk(String ok) {
        throw new UnsupportedOperationException();
    }

    public String getSubmitterParameter() {
        throw new UnsupportedOperationException();
    }

    public String getCancel() {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setCancel(String cancel) {
        throw new UnsupportedOperationException();
    }

    public String getOk() {
        throw new UnsupportedOperationException();
    }

    public String getMessage() {
        throw new UnsupportedOperationException();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        throw new UnsupportedOperationException();
    }
}
