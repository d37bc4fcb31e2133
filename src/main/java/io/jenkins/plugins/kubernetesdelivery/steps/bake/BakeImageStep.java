package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code bakeImage}: builds the workspace's Dockerfile context into an image in a builder pod, pushes it and returns
 * {@code [reference, digest, tags]}. Where the pod runs (cluster, namespace, images, resources, service account)
 * comes from the global configuration only: the environment's (or a direct-use cluster's) connection and the
 * builder defaults.
 */
public final class BakeImageStep extends Step {

    /** The builder pod's deadline when the step names none, in minutes. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 30;

    private final String repository;
    private String context;
    private String dockerfile;
    private List<String> tags = List.of();
    private Map<String, String> buildArgs = Map.of();
    private String target;
    private String platform;
    private boolean cache;
    private String registryCredentialsId;
    private String builder;
    private String environment;
    private String cluster;
    private int timeout = DEFAULT_TIMEOUT_MINUTES;

    @DataBoundConstructor
    public BakeImageStep(String repository) {
        this.repository = Util.fixEmptyAndTrim(repository);
    }

    @Override
    public StepExecution start(StepContext stepContext) throws Exception {
        return new BakeImageStepExecution(this, stepContext);
    }

    @CheckForNull
    public String getRepository() {
        return repository;
    }

    @CheckForNull
    public String getContext() {
        return context;
    }

    /** The context directory, relative to the workspace; empty for the workspace itself ({@code .}). */
    @DataBoundSetter
    public void setContext(String context) {
        this.context = Util.fixEmptyAndTrim(context);
    }

    @CheckForNull
    public String getDockerfile() {
        return dockerfile;
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = Util.fixEmptyAndTrim(dockerfile);
    }

    @NonNull
    public List<String> getTags() {
        return tags;
    }

    /** The tags to push; blank entries are dropped. Values may arrive as GStrings from a Pipeline. */
    @DataBoundSetter
    public void setTags(List<String> tags) {
        List<String> clean = new ArrayList<>();
        if (tags != null) {
            for (Object t : tags) {
                String s = t == null ? null : Util.fixEmptyAndTrim(t.toString());
                if (s != null) {
                    clean.add(s);
                }
            }
        }
        this.tags = Collections.unmodifiableList(clean);
    }

    @NonNull
    public Map<String, String> getBuildArgs() {
        return buildArgs;
    }

    /**
     * {@code ARG} values by name, in order. A Pipeline map reaches this setter as it is (keys and values may be
     * GStrings or numbers), so each is turned into a string here; {@link BakeInputs} bounds them and strips control
     * characters.
     */
    @DataBoundSetter
    public void setBuildArgs(Map<String, String> buildArgs) {
        Map<String, String> clean = new LinkedHashMap<>();
        if (buildArgs != null) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) buildArgs).entrySet()) {
                String name = e.getKey() == null ? "" : e.getKey().toString().trim();
                clean.put(name, e.getValue() == null ? null : e.getValue().toString());
            }
        }
        this.buildArgs = Collections.unmodifiableMap(clean);
    }

    @CheckForNull
    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = Util.fixEmptyAndTrim(target);
    }

    @CheckForNull
    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = Util.fixEmptyAndTrim(platform);
    }

    public boolean isCache() {
        return cache;
    }

    @DataBoundSetter
    public void setCache(boolean cache) {
        this.cache = cache;
    }

    @CheckForNull
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    @CheckForNull
    public String getBuilder() {
        return builder;
    }

    /** {@code buildkit} or {@code kaniko}; empty for the builder defaults' choice. */
    @DataBoundSetter
    public void setBuilder(String builder) {
        this.builder = Util.fixEmptyAndTrim(builder);
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

    /** A cluster an administrator opened to direct use, instead of an environment. */
    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = Util.fixEmptyAndTrim(cluster);
    }

    public int getTimeout() {
        return timeout;
    }

    /** The builder pod's deadline in minutes. */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    @Extension
    @Symbol("bakeImage")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return BakeImageStepExecution.FUNCTION;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BakeImageStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        /** The repository, e.g. {@code registry.example.com/shop/web}: never build arguments or credentials. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object repo = namedArgs.get("repository");
            return repo instanceof CharSequence ? repo.toString() : null;
        }

        /**
         * The form (Snippet Generator) has text for the list {@code tags} and the map {@code buildArgs}, which
         * Stapler cannot bind to a list or a map: they are parsed here, the rest is bound as usual.
         */
        @Override
        public Step newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            Object tags = formData.remove("tags");
            Object buildArgs = formData.remove("buildArgs");
            BakeImageStep step = (BakeImageStep) super.newInstance(req, formData);
            step.setTags(tagsOf(tags == null ? "" : tags.toString()));
            step.setBuildArgs(buildArgsOf(buildArgs == null ? "" : buildArgs.toString()));
            return step;
        }

        /** The tags in a form's text: separated by commas, spaces or line breaks. */
        static List<String> tagsOf(String text) {
            List<String> tags = new ArrayList<>();
            for (String t : text.split("[,\\s]+")) {
                if (!t.isEmpty()) {
                    tags.add(t);
                }
            }
            return tags;
        }

        /** The build arguments in a form's text: one {@code NAME=value} per line; blank lines are skipped. */
        static Map<String, String> buildArgsOf(String text) throws FormException {
            Map<String, String> args = new LinkedHashMap<>();
            for (String line : text.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new FormException(Messages.BakeImageStep_BuildArgLine(line.strip()), "buildArgs");
                }
                args.put(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
            return args;
        }

        /** The form's text of the step's tags, one per line. */
        public String tagsText(@CheckForNull BakeImageStep step) {
            return step == null ? "" : String.join("\n", step.getTags());
        }

        /** The form's text of the step's build arguments, one {@code NAME=value} per line. */
        public String buildArgsText(@CheckForNull BakeImageStep step) {
            StringBuilder text = new StringBuilder();
            if (step != null) {
                step.getBuildArgs()
                        .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            }
            return text.toString();
        }
    }
}
