package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The approval policy {@code required} of an environment: who may approve a deploy to it, whether the build's own
 * starter or commit authors may, and how long an approval may be waited for. An environment without one has policy
 * {@code none}. A plain value: the decisions are made by {@code approveFor} and by {@code deployLabeled}.
 */
public final class Approval implements Describable<Approval> {

    public static final int DEFAULT_TIMEOUT_MINUTES = 24 * 60;
    public static final int MAX_TIMEOUT_MINUTES = 30 * 24 * 60;

    private final String approvers;
    private boolean allowSelfApproval;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;

    /** @param approvers user ids and group names, separated by commas */
    @DataBoundConstructor
    public Approval(String approvers) {
        this.approvers = approvers == null ? "" : String.join(", ", split(approvers));
    }

    /** The approvers as configured, normalized to {@code a, b}; empty when none are named. */
    @NonNull
    public String getApprovers() {
        return approvers;
    }

    /** The user ids and group names that may approve, in the configured order, without blanks. */
    @NonNull
    public List<String> getApproverList() {
        return split(approvers);
    }

    /** Whether whoever started the build or authored the commits being approved may approve it too. */
    public boolean isAllowSelfApproval() {
        return allowSelfApproval;
    }

    @DataBoundSetter
    public void setAllowSelfApproval(boolean allowSelfApproval) {
        this.allowSelfApproval = allowSelfApproval;
    }

    /** How long an approval is waited for before the build is aborted, in minutes. */
    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** Any value is kept; saving refuses values outside 1 to {@value #MAX_TIMEOUT_MINUTES}. */
    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    /** {@link #getTimeoutMinutes()} as a duration. */
    @NonNull
    public Duration getTimeout() {
        return Duration.ofMinutes(timeoutMinutes);
    }

    @Override
    public String toString() {
        return "Approval[" + approvers + (allowSelfApproval ? ", self-approval allowed" : "") + ", " + timeoutMinutes
                + " min]";
    }

    static List<String> split(String approvers) {
        List<String> list = new ArrayList<>();
        if (approvers != null) {
            for (String a : approvers.split(",")) {
                if (!a.isBlank()) {
                    list.add(a.strip());
                }
            }
        }
        return list;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<Approval> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Approval_DisplayName();
        }

        @POST
        public FormValidation doCheckApprovers(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return EnvironmentChecks.approvers(value);
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return EnvironmentChecks.timeoutMinutes(value);
        }

        @POST
        public FormValidation doCheckAllowSelfApproval(@QueryParameter boolean value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return EnvironmentChecks.allowSelfApproval(value);
        }
    }
}
