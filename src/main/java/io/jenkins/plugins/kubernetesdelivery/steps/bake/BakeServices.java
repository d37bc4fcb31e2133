package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.BuilderPodSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import java.io.IOException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a bake needs from Jenkins besides {@link StepServices}: the builder defaults, the registry credentials, the
 * build number and the engine with its pod channels. In Jenkins this is {@link JenkinsBakeServices}; an offline test
 * hands its own to the real execution as a context object ({@code context.with(BakeServices.class, fake)}), which
 * is how {@link #of} finds it (as {@link StepServices#of} does).
 */
interface BakeServices {

    /** The services for {@code context}: a context object of this type if there is one, else Jenkins'. */
    static BakeServices of(StepContext context) throws IOException, InterruptedException {
        BakeServices s = context.get(BakeServices.class);
        return s != null ? s : JenkinsBakeServices.INSTANCE;
    }

    /**
     * The builder defaults of the global configuration for a bake whose target namespace is {@code targetNamespace}.
     * In memory only: {@code start()} calls it on the CPS VM thread.
     *
     * @throws AbortException when the saved defaults are invalid
     */
    @NonNull
    BuilderPodSettings builderSettings(@CheckForNull String targetNamespace) throws AbortException;

    /** The number of the step's build. */
    int buildNumber(StepContext context) throws IOException, InterruptedException;

    /**
     * The registry credentials {@code id}, looked up for the step's build and tracked on it.
     *
     * @throws AbortException naming the ID when the build cannot use them
     */
    @NonNull
    RegistryCredentials registryCredentials(String id, StepContext context) throws IOException, InterruptedException;

    /** The engine over {@code client}; in Jenkins with the real attach and log channels. */
    @NonNull
    ImageBaker baker(KubernetesClient client);

    /** Labels for the builder pod besides the bake's own: none in Jenkins (a test's kwok Stage selects by one). */
    default Map<String, String> podLabels() {
        return Map.of();
    }
}
