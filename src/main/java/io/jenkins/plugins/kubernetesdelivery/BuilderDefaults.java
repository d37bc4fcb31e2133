package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuilderImages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How {@code bakeImage} runs its builder pods: images, builder, namespace, resources, scheduling and service
 * account. Set by administrators only; Pipelines cannot override any of it except the builder. Blank fields mean
 * "not set"; a blank image means the plugin's pinned default, which follows plugin updates.
 */
public final class BuilderDefaults implements Describable<BuilderDefaults> {

    private String buildkitImage;
    private String kanikoImage;
    private String contextReceiverImage;
    private String builder;
    private String namespace;
    private String cpuRequest;
    private String memoryRequest;
    private String ephemeralStorageRequest;
    private String cpuLimit;
    private String memoryLimit;
    private String ephemeralStorageLimit;
    private String nodeSelector;
    private String tolerations;
    private String serviceAccount;

    @DataBoundConstructor
    public BuilderDefaults() {}

    /** The BuildKit image: the configured one, or the pinned default. */
    @NonNull
    public String getBuildkitImage() {
        return buildkitImage == null ? BuilderImages.DEFAULT_BUILDKIT : buildkitImage;
    }

    @DataBoundSetter
    public void setBuildkitImage(String image) {
        this.buildkitImage = unlessDefault(image, BuilderImages.DEFAULT_BUILDKIT);
    }

    /** The Kaniko image: the configured one, or the pinned default. */
    @NonNull
    public String getKanikoImage() {
        return kanikoImage == null ? BuilderImages.DEFAULT_KANIKO : kanikoImage;
    }

    @DataBoundSetter
    public void setKanikoImage(String image) {
        this.kanikoImage = unlessDefault(image, BuilderImages.DEFAULT_KANIKO);
    }

    /** The image of the init container that receives the build context: the configured one, or the default. */
    @NonNull
    public String getContextReceiverImage() {
        return contextReceiverImage == null ? BuilderImages.DEFAULT_CONTEXT_RECEIVER : contextReceiverImage;
    }

    @DataBoundSetter
    public void setContextReceiverImage(String image) {
        this.contextReceiverImage = unlessDefault(image, BuilderImages.DEFAULT_CONTEXT_RECEIVER);
    }

    /** The builder a bake uses when it names none: {@code buildkit} (default) or {@code kaniko}. */
    @NonNull
    public String getBuilder() {
        return builder == null ? BakeRequest.BUILDKIT : builder;
    }

    @DataBoundSetter
    public void setBuilder(String builder) {
        this.builder = unlessDefault(builder, BakeRequest.BUILDKIT);
    }

    /** The namespace of builder pods; {@code null} for the namespace of the bake's target. */
    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = KubernetesCluster.trimToNull(namespace);
    }

    @CheckForNull
    public String getCpuRequest() {
        return cpuRequest;
    }

    @DataBoundSetter
    public void setCpuRequest(String cpuRequest) {
        this.cpuRequest = KubernetesCluster.trimToNull(cpuRequest);
    }

    @CheckForNull
    public String getMemoryRequest() {
        return memoryRequest;
    }

    @DataBoundSetter
    public void setMemoryRequest(String memoryRequest) {
        this.memoryRequest = KubernetesCluster.trimToNull(memoryRequest);
    }

    @CheckForNull
    public String getEphemeralStorageRequest() {
        return ephemeralStorageRequest;
    }

    @DataBoundSetter
    public void setEphemeralStorageRequest(String ephemeralStorageRequest) {
        this.ephemeralStorageRequest = KubernetesCluster.trimToNull(ephemeralStorageRequest);
    }

    @CheckForNull
    public String getCpuLimit() {
        return cpuLimit;
    }

    @DataBoundSetter
    public void setCpuLimit(String cpuLimit) {
        this.cpuLimit = KubernetesCluster.trimToNull(cpuLimit);
    }

    @CheckForNull
    public String getMemoryLimit() {
        return memoryLimit;
    }

    @DataBoundSetter
    public void setMemoryLimit(String memoryLimit) {
        this.memoryLimit = KubernetesCluster.trimToNull(memoryLimit);
    }

    @CheckForNull
    public String getEphemeralStorageLimit() {
        return ephemeralStorageLimit;
    }

    @DataBoundSetter
    public void setEphemeralStorageLimit(String ephemeralStorageLimit) {
        this.ephemeralStorageLimit = KubernetesCluster.trimToNull(ephemeralStorageLimit);
    }

    /** Node labels, one {@code key=value} per line; {@code null} for none. */
    @CheckForNull
    public String getNodeSelector() {
        return nodeSelector;
    }

    @DataBoundSetter
    public void setNodeSelector(String nodeSelector) {
        this.nodeSelector = lines(nodeSelector);
    }

    /** Tolerations, one {@code key[=value][:Effect]} per line; {@code null} for none. */
    @CheckForNull
    public String getTolerations() {
        return tolerations;
    }

    @DataBoundSetter
    public void setTolerations(String tolerations) {
        this.tolerations = lines(tolerations);
    }

    /** The service account of builder pods; {@code null} for the namespace's default. */
    @CheckForNull
    public String getServiceAccount() {
        return serviceAccount;
    }

    @DataBoundSetter
    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = KubernetesCluster.trimToNull(serviceAccount);
    }

    /** The builder images, defaults filled in. */
    @NonNull
    public BuilderImages getImages() {
        return new BuilderImages(getBuildkitImage(), getKanikoImage(), getContextReceiverImage());
    }

    /**
     * These defaults as the values a bake request takes, for a bake whose target namespace is
     * {@code targetNamespace} (used when no builder namespace is set).
     *
     * @throws AbortException when the saved defaults are invalid (possible only if the saved file was edited by hand)
     */
    @NonNull
    public BuilderPodSettings toPodSettings(@CheckForNull String targetNamespace) throws AbortException {
        List<String> problems = BuilderChecks.problems(this);
        if (!problems.isEmpty()) {
            throw new AbortException(Messages.BuilderDefaults_Invalid(String.join(" ", problems)));
        }
        Map<String, String> requests = new LinkedHashMap<>();
        Map<String, String> limits = new LinkedHashMap<>();
        resources().forEach((name, values) -> {
            if (values[0] != null) {
                requests.put(name, values[0]);
            }
            if (values[1] != null) {
                limits.put(name, values[1]);
            }
        });
        return new BuilderPodSettings(
                getImages(),
                getBuilder(),
                namespace != null ? namespace : targetNamespace,
                requests,
                limits,
                BuilderChecks.nodeSelectorOf(nodeSelector),
                BuilderChecks.tolerationsOf(tolerations),
                serviceAccount);
    }

    /** Resource name → {request, limit}, either {@code null} when not set. */
    Map<String, String[]> resources() {
        Map<String, String[]> map = new LinkedHashMap<>();
        map.put("cpu", new String[] {cpuRequest, cpuLimit});
        map.put("memory", new String[] {memoryRequest, memoryLimit});
        map.put("ephemeral-storage", new String[] {ephemeralStorageRequest, ephemeralStorageLimit});
        return map;
    }

    private static String unlessDefault(String value, String defaultValue) {
        String v = KubernetesCluster.trimToNull(value);
        return defaultValue.equals(v) ? null : v;
    }

    private static String lines(String text) {
        List<String> lines = JobPatterns.lines(text);
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<BuilderDefaults> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BuilderDefaults_DisplayName();
        }

        @POST
        public FormValidation doCheckBuildkitImage(@QueryParameter String value) {
            return admin() ? BuilderChecks.image(BuilderChecks.Image.BUILDKIT, value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckKanikoImage(@QueryParameter String value) {
            return admin() ? BuilderChecks.image(BuilderChecks.Image.KANIKO, value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckContextReceiverImage(@QueryParameter String value) {
            return admin() ? BuilderChecks.image(BuilderChecks.Image.CONTEXT_RECEIVER, value) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillBuilderItems() {
            ListBoxModel items = new ListBoxModel();
            if (admin()) {
                items.add(Messages.BuilderDefaults_BuildKit(), BakeRequest.BUILDKIT);
                items.add(Messages.BuilderDefaults_Kaniko(), BakeRequest.KANIKO);
            }
            return items;
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return admin() ? BuilderChecks.namespace(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCpuRequest(@QueryParameter String value) {
            return admin() ? BuilderChecks.quantity(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMemoryRequest(@QueryParameter String value) {
            return admin() ? BuilderChecks.quantity(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEphemeralStorageRequest(@QueryParameter String value) {
            return admin() ? BuilderChecks.quantity(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCpuLimit(@QueryParameter String value, @QueryParameter String cpuRequest) {
            return admin() ? BuilderChecks.limit(value, cpuRequest) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMemoryLimit(@QueryParameter String value, @QueryParameter String memoryRequest) {
            return admin() ? BuilderChecks.limit(value, memoryRequest) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckEphemeralStorageLimit(
                @QueryParameter String value, @QueryParameter String ephemeralStorageRequest) {
            return admin() ? BuilderChecks.limit(value, ephemeralStorageRequest) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckNodeSelector(@QueryParameter String value) {
            return admin() ? BuilderChecks.nodeSelector(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTolerations(@QueryParameter String value) {
            return admin() ? BuilderChecks.tolerations(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckServiceAccount(@QueryParameter String value) {
            return admin() ? BuilderChecks.serviceAccount(value) : FormValidation.ok();
        }

        private static boolean admin() {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
    }
}
