package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;

/**
 * Aborts approvals whose deadline passed: every minute, and shortly after Jenkins starts (a deadline that passed while
 * the controller was down is caught then), it looks at the {@code input} executions of all running builds, keeps those
 * of an {@code approveFor} ({@link ApprovalAction} on the node), and stops the unsettled ones past their deadline with
 * {@link ApprovalTimedOut}: the build ends ABORTED, "production was not approved within 60 minutes". No timer is armed
 * per approval, so nothing is lost with a restart; the deadline is met within about a minute.
 */
@Extension
public final class ApprovalTimeouts extends AsyncPeriodicWork {

    private static final Logger LOGGER = Logger.getLogger(ApprovalTimeouts.class.getName());
    private static final long FIRST_CHECK_MILLIS = 15_000;

    public ApprovalTimeouts() {
        super("Kubernetes Delivery approval timeouts");
    }

    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    public long getInitialDelay() {
        return FIRST_CHECK_MILLIS;
    }

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        abortExpired(Instant.now());
    }

    /** Aborts the approvals past their deadline at {@code now}; returns how many. Tests call it with a later time. */
    public int abortExpired(Instant now) throws InterruptedException {
        List<TimeoutSelection.Pending<InputStepExecution>> expired = TimeoutSelection.expired(pending(), now);
        for (TimeoutSelection.Pending<InputStepExecution> p : expired) {
            ApprovalAction a = p.approval();
            try {
                p.execution()
                        .stop(new FlowInterruptedException(
                                Result.ABORTED, true, new ApprovalTimedOut(a.getEnvironment(), a.getTimeoutMinutes())));
            } catch (Exception e) { // one build's failure must not keep the others waiting
                LOGGER.log(Level.WARNING, "cannot abort the approval of " + a.getEnvironment(), e);
            }
        }
        return expired.size();
    }

    private static List<TimeoutSelection.Pending<InputStepExecution>> pending() throws InterruptedException {
        // the consumer may run on a build's CPS VM thread: it only collects
        List<InputStepExecution> inputs = new CopyOnWriteArrayList<>();
        try {
            StepExecution.acceptAll(InputStepExecution.class, inputs::add).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(Level.FINE, "not every build's steps could be listed; the rest wait for the next check", e);
        }
        List<TimeoutSelection.Pending<InputStepExecution>> pending = new ArrayList<>();
        for (InputStepExecution input : inputs) {
            try {
                FlowNode node = input.getContext().get(FlowNode.class);
                ApprovalAction approval = node == null ? null : node.getPersistentAction(ApprovalAction.class);
                pending.add(new TimeoutSelection.Pending<>(input, approval, input.isSettled()));
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "cannot read the node of " + input.getContext(), e);
            }
        }
        return pending;
    }
}
