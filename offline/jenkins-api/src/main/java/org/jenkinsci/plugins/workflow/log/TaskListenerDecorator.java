package org.jenkinsci.plugins.workflow.log;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

/**
 * Only what a test's decorator implements (a restart test holds a step's thread on one of its lines). Left out: the
 * static helpers ({@code merge}, {@code fromConsoleLogFilter}, {@code apply}) and {@code Factory}'s default method.
 */
public abstract class TaskListenerDecorator implements Serializable {

    public abstract @NonNull OutputStream decorate(@NonNull OutputStream logger) throws IOException, InterruptedException;

    public interface Factory extends ExtensionPoint {

        @CheckForNull TaskListenerDecorator of(@NonNull FlowExecutionOwner owner);
    }
}
