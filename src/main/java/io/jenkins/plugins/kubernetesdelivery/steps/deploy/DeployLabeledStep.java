package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import java.util.ArrayList;
import java.util.List;
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
 * {@code deployLabeled}: deploys a new release of an app next to the live one and switches the Services to it once it
 * is ready (docs/steps.md, docs/releases.md). Returns {@code [release, previous, namespace, services]}. The target
 * comes only from the global configuration: an environment, or a cluster open to direct use plus a namespace.
 */
public final class DeployLabeledStep extends Step {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_REPLICAS = 1;
    public static final int DEFAULT_TIMEOUT_MINUTES = (int) ReleaseRequest.DEFAULT_ROLLOUT_TIMEOUT.toMinutes();

    private final String app;
    private String environment;
    private String cluster;
    private String namespace;
    private String image;
    private List<String> images = List.of();
    private String manifests;
    private String service;
    private List<String> services = List.of();
    private String schemaVersion;
    private Verify verify;
    private int keep = ReleaseRequest.DEFAULT_KEEP;
    private int timeout = DEFAULT_TIMEOUT_MINUTES;
    private boolean allowTags;
    private boolean unpin;

    private boolean force;
    private int port = DEFAULT_PORT;
    private int replicas = DEFAULT_REPLICAS;

    @DataBoundConstructor
    public DeployLabeledStep(String app) {
        this.app = Util.fixEmptyAndTrim(app);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new DeployLabeledStepExecution(this, context);
    }

    /** The app: names its Deployments, history ConfigMap and Lease. */
    @CheckForNull
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

    @CheckForNull
    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = Util.fixEmptyAndTrim(image);
    }

    @NonNull
    public List<String> getImages() {
        return images;
    }

    /** Entries may also be lines of one text (the Snippet Generator's text area). */
    @DataBoundSetter
    public void setImages(List<String> images) {
        this.images = lines(images);
    }

    /** {@link #getImages()} one per line, for the Snippet Generator's text area. */
    @NonNull
    public String getImagesLines() {
        return String.join("\n", images);
    }

    @CheckForNull
    public String getManifests() {
        return manifests;
    }

    @DataBoundSetter
    public void setManifests(String manifests) {
        this.manifests = Util.fixEmptyAndTrim(manifests);
    }

    @CheckForNull
    public String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(String service) {
        this.service = Util.fixEmptyAndTrim(service);
    }

    @NonNull
    public List<String> getServices() {
        return services;
    }

    /** Entries may also be lines of one text (the Snippet Generator's text area). */
    @DataBoundSetter
    public void setServices(List<String> services) {
        this.services = lines(services);
    }

    /** {@link #getServices()} one per line, for the Snippet Generator's text area. */
    @NonNull
    public String getServicesLines() {
        return String.join("\n", services);
    }

    @CheckForNull
    public String getSchemaVersion() {
        return schemaVersion;
    }

    @DataBoundSetter
    public void setSchemaVersion(String schemaVersion) {
        this.schemaVersion = Util.fixEmptyAndTrim(schemaVersion);
    }

    @CheckForNull
    public Verify getVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(Verify verify) {
        this.verify = verify;
    }

    public int getKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(int keep) {
        this.keep = keep;
    }

    /** Minutes to wait for the new release to become ready (and for its verification). */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public boolean isAllowTags() {
        return allowTags;
    }

    @DataBoundSetter
    public void setAllowTags(boolean allowTags) {
        this.allowTags = allowTags;
    }

    public boolean isUnpin() {
        return unpin;
    }

    @DataBoundSetter
    public void setUnpin(boolean unpin) {
        this.unpin = unpin;
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    /** The generated Service's port and the container's port, without manifests. */
    public int getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    /** The generated Deployment's replicas, without manifests. */
    public int getReplicas() {
        return replicas;
    }

    @DataBoundSetter
    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    /** Trimmed entries without blanks; an entry holding several lines gives one entry per line. */
    static List<String> lines(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null) {
                    v.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
                }
            }
        }
        return List.copyOf(out);
    }

    @Extension
    @Symbol("deployLabeled")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "deployLabeled";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployLabeledStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // no FilePath: a workspace is needed only to read manifests (checked when the step starts)
            return Set.of(Run.class, TaskListener.class);
        }

        /**
         * The environments the job may use (by their job patterns), for the Snippet Generator; empty for a user who
         * may not configure the job. The first entry is none (for direct use of a cluster); a current value the job
         * may not use (any longer) stays listed, so that showing the form does not change it.
         */
        @POST
        public ListBoxModel doFillEnvironmentItems(@AncestorInPath Item item, @QueryParameter String environment) {
            ListBoxModel items = new ListBoxModel();
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return items;
            }
            items.add(Messages.DeployLabeledStep_NoEnvironment(), "");
            boolean current = false;
            for (Environment e : DeliveryConfiguration.get().getEnvironments()) {
                if (e.getName() != null && e.allowsJob(item.getFullName())) {
                    items.add(e.getName(), e.getName());
                    current |= e.getName().equals(environment);
                }
            }
            String kept = Util.fixEmptyAndTrim(environment);
            if (kept != null && !current) {
                items.add(Messages.DeployLabeledStep_EnvironmentNotAllowed(kept), kept);
            }
            return items;
        }

        /** {@code web → production}, or {@code web → prod/shop} for direct use; never the manifests. */
        @CheckForNull
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            String app = text(namedArgs.get("app"));
            String environment = text(namedArgs.get("environment"));
            String cluster = text(namedArgs.get("cluster"));
            String where = environment != null
                    ? environment
                    : cluster == null
                            ? null
                            : cluster
                                    + (text(namedArgs.get("namespace")) == null
                                            ? ""
                                            : "/" + text(namedArgs.get("namespace")));
            if (app == null) {
                return where;
            }
            return where == null ? app : app + " → " + where;
        }

        @CheckForNull
        private static String text(Object value) {
            return value instanceof CharSequence s ? Util.fixEmptyAndTrim(s.toString()) : null;
        }
    }
}
