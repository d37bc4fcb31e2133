package io.jenkins.plugins.kubernetesdelivery.steps.rollback;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubernetesdelivery.steps.StepForms;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code rollbackTo(environment: 'production', app: 'web', release: 'previous', reason: '…')}: switches the app's
 * Services back to a kept release (scaling it up first when it is cold) and pins the app to it. Returns
 * {@code [release, from, cold, services]}. Needs no workspace. See docs/steps.md.
 */
public final class RollbackToStep extends Step {

    /** The release rolled back to when none is named. */
    public static final String PREVIOUS = "previous";

    private final String app;
    private String environment;
    private String cluster;
    private String namespace;
    /** As given; {@code null} when not given (then {@value #PREVIOUS}); blank is refused when the step starts. */
    private String release;

    private String reason;
    private boolean allowSchemaChange;
    private int timeout;

    /** @param app required; kept as given (stripped), so that a blank one is refused naming it */
    @DataBoundConstructor
    public RollbackToStep(String app) {
        this.app = app == null ? "" : app.strip();
    }

    public String getApp() {
        return app;
    }

    @CheckForNull
    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = Util.fixEmptyAndTrim(environment);
    }

    @CheckForNull
    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    /** {@value #PREVIOUS}, {@code v<N>}, a git commit or an image digest; {@value #PREVIOUS} when not given. */
    @NonNull
    public String getRelease() {
        return release == null ? PREVIOUS : release;
    }

    /** Kept blank when given blank: a blank release is refused, never read as {@value #PREVIOUS}. */
    @DataBoundSetter
    public void setRelease(String release) {
        this.release = release == null ? null : release.strip();
    }

    @CheckForNull
    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    public boolean isAllowSchemaChange() {
        return allowSchemaChange;
    }

    @DataBoundSetter
    public void setAllowSchemaChange(boolean allowSchemaChange) {
        this.allowSchemaChange = allowSchemaChange;
    }

    /** Minutes to wait for a cold release to become ready; 0 for the default (10). */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new RollbackToStepExecution(this, context);
    }

    @Extension
    @Symbol(DescriptorImpl.FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {

        static final String FUNCTION = "rollbackTo";

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RollbackToStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /** {@code web → production}, or {@code web → prod/shop} for a cluster named directly. */
        @CheckForNull
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object app = namedArgs.get("app");
            if (!(app instanceof CharSequence) || app.toString().isBlank()) {
                return null;
            }
            Object env = namedArgs.get("environment");
            Object cluster = namedArgs.get("cluster");
            Object ns = namedArgs.get("namespace");
            String where = env instanceof CharSequence && !env.toString().isBlank()
                    ? env.toString()
                    : cluster instanceof CharSequence ? cluster + (ns instanceof CharSequence ? "/" + ns : "") : null;
            return where == null ? app.toString() : app + " → " + where;
        }

        /** The environments this job may use, for users who may configure it. */
        @POST
        public ListBoxModel doFillEnvironmentItems(@AncestorInPath Item item, @QueryParameter String environment) {
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return new ListBoxModel();
            }
            return StepForms.environmentItems(item.getFullName(), environment);
        }
    }
}
