package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A named place to deliver to: a configured cluster and a namespace in it, the jobs that may use it, and whether a
 * deploy there needs an approval. Pipelines name environments; the controller connects only where they say.
 */
public final class Environment implements Describable<Environment> {

    private final String name;
    private final String cluster;
    private String namespace;
    private String jobs;
    private Approval approval;
    private boolean allowClusterScoped;

    @DataBoundConstructor
    public Environment(String name, String cluster) {
        this.name = KubernetesCluster.trimToNull(name);
        this.cluster = KubernetesCluster.trimToNull(cluster);
    }

    /** The name pipelines use, unique among the environments. */
    public String getName() {
        return name;
    }

    /** The name of the configured cluster this environment deploys to. */
    public String getCluster() {
        return cluster;
    }

    /** The namespace; {@code null} for the cluster's default namespace. */
    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = KubernetesCluster.trimToNull(namespace);
    }

    /** The job patterns as configured, one per line; {@code null} when every job may use this environment. */
    @CheckForNull
    public String getJobs() {
        return jobs;
    }

    @DataBoundSetter
    public void setJobs(String jobs) {
        List<String> lines = JobPatterns.lines(jobs);
        this.jobs = lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** The job patterns, one per entry; empty when every job may use this environment. */
    @NonNull
    public List<String> getJobPatterns() {
        return JobPatterns.lines(jobs);
    }

    /** Whether the job of that full name ({@code folder/job}) may use this environment. */
    public boolean allowsJob(String jobFullName) {
        return JobPatterns.matchesAny(getJobPatterns(), jobFullName);
    }

    /** The approval policy {@code required}; {@code null} for policy {@code none}. */
    @CheckForNull
    public Approval getApproval() {
        return approval;
    }

    @DataBoundSetter
    public void setApproval(Approval approval) {
        this.approval = approval;
    }

    /**
     * Whether a release's manifests may hold cluster-scoped objects (a Namespace, a ClusterRole, a
     * CustomResourceDefinition…), which change the whole cluster, not the environment's namespace. Off by default:
     * the deploy is then refused before any change.
     */
    public boolean isAllowClusterScoped() {
        return allowClusterScoped;
    }

    @DataBoundSetter
    public void setAllowClusterScoped(boolean allowClusterScoped) {
        this.allowClusterScoped = allowClusterScoped;
    }

    /** Whether deploys to this environment need an approval (policy {@code required}). */
    public boolean isApprovalRequired() {
        return approval != null;
    }

    @Override
    public String toString() {
        return "Environment[" + name + " → " + cluster + (namespace == null ? "" : "/" + namespace) + "]";
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<Environment> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Environment_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return EnvironmentChecks.name(value);
        }

        /** Checked against the saved clusters: a cluster added in the same form shows as unknown until saved. */
        @POST
        public FormValidation doCheckCluster(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return EnvironmentChecks.cluster(value, DeliveryConfiguration.get().getClusters());
        }

        @POST
        public ListBoxModel doFillClusterItems(@QueryParameter String cluster) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return new ListBoxModel();
            }
            ListBoxModel items = new ListBoxModel();
            boolean current = false;
            for (KubernetesCluster c : DeliveryConfiguration.get().getClusters()) {
                items.add(c.getName(), c.getName());
                current |= c.getName().equals(cluster);
            }
            String kept = KubernetesCluster.trimToNull(cluster);
            if (kept != null && !current) {
                // keep a value that is no longer configured visible, so saving does not silently change it
                items.add(Messages.Environment_MissingCluster(kept), kept);
            }
            return items;
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return EnvironmentChecks.namespace(value);
        }

        @POST
        public FormValidation doCheckJobs(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return EnvironmentChecks.jobs(value);
        }
    }
}
