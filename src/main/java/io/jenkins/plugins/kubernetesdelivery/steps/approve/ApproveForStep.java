package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code approveFor}: the approval gate of an environment (docs/steps-approve.md). Policy {@code none}: one console
 * line and it returns {@code null} at once. Policy {@code required}: it waits, without an executor or a CPS thread,
 * for one of the environment's approvers, through {@code input} itself, and returns the approver's user id; a
 * rejection aborts the build, and so does the policy's timeout. {@code deployLabeled} checks the approval again before
 * it deploys.
 */
public final class ApproveForStep extends Step {

    private final String environment;
    private String message;
    private String ok;
    private String app;
    private String schemaVersion;

    @DataBoundConstructor
    public ApproveForStep(String environment) {
        this.environment = Util.fixEmptyAndTrim(environment);
    }

    /**
     * Checks and prepares on the CPS VM thread (in memory), then returns {@code input}'s own execution: see
     * {@link ApproveForStart}.
     */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ApproveForStart(this, context, Clock.systemUTC()).start();
    }

    /** The environment, as configured under Manage Jenkins → System → Kubernetes Delivery. */
    @CheckForNull
    public String getEnvironment() {
        return environment;
    }

    /** The question approvers read; a default names the candidate and the environment. */
    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    /** The caption of the approve button ({@code Approve} by default). */
    @CheckForNull
    public String getOk() {
        return ok;
    }

    @DataBoundSetter
    public void setOk(String ok) {
        this.ok = Util.fixEmptyAndTrim(ok);
    }

    /** The app being approved, whose live release approvers see; by default the app this build last deployed. */
    @CheckForNull
    public String getApp() {
        return app;
    }

    @DataBoundSetter
    public void setApp(String app) {
        this.app = Util.fixEmptyAndTrim(app);
    }

    /** The candidate's schema version, compared with the live release's (a change is warned about). */
    @CheckForNull
    public String getSchemaVersion() {
        return schemaVersion;
    }

    @DataBoundSetter
    public void setSchemaVersion(String schemaVersion) {
        this.schemaVersion = Util.fixEmptyAndTrim(schemaVersion);
    }

    @Extension
    @Symbol("approveFor")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "approveFor";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ApproveForStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // FlowNode, as input's own step: the approval is recorded on the step's node
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /** The environment: the label of the step in Pipeline Graph View, Blue Ocean and the step list. */
        @CheckForNull
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object environment = namedArgs.get("environment");
            return environment instanceof CharSequence s ? Util.fixEmptyAndTrim(s.toString()) : null;
        }
    }
}
