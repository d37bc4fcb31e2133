package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.Target;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * Everything a delivery step needs from Jenkins besides its {@link StepContext}: the build's facts, the global
 * configuration, cluster clients with credentials, the build's run action. In Jenkins this is
 * {@link JenkinsStepServices}; an offline test hands its own to the real execution as a context object
 * ({@code context.with(StepServices.class, fake)}), which is how {@link #of} finds it. Pipeline supplies no such
 * context object, so builds always use Jenkins'.
 */
public interface StepServices {

    /** The services for {@code context}: a context object of this type if there is one, else Jenkins'. */
    static StepServices of(StepContext context) throws IOException, InterruptedException {
        StepServices s = context.get(StepServices.class);
        return s != null ? s : JenkinsStepServices.INSTANCE;
    }

    /** The facts of the step's build. In memory only: {@code start()} calls it on the CPS VM thread. */
    @NonNull
    RunFacts runFacts(StepContext context) throws IOException, InterruptedException;

    /**
     * Where a step of the job {@code jobFullName} may deliver, from the global configuration (see
     * {@code Targets.resolve}). In memory only.
     *
     * @throws AbortException naming the rule and what to change, when the configuration does not allow it
     */
    @NonNull
    Target target(
            @CheckForNull String environment,
            @CheckForNull String cluster,
            @CheckForNull String namespace,
            String jobFullName)
            throws AbortException;

    /**
     * A client of its own for the target, credentials resolved for the build (and their use recorded on it); the
     * caller closes it. Called on the step's worker thread.
     */
    @NonNull
    KubernetesClient openClient(Target target, StepContext context) throws IOException, InterruptedException;

    /** Adds {@code record} to the build's {@link DeliveryRunAction} and saves the build. */
    void record(StepContext context, DeliveryRecord record) throws IOException, InterruptedException;

    /** The authentication the build runs as; the step's worker runs under it. */
    @NonNull
    Authentication authentication(StepContext context) throws IOException, InterruptedException;
}
