package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.BuilderPodSettings;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.engine.image.Bake;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeHandle;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeResult;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuildIdentity;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryStepExecution;
import io.jenkins.plugins.kubernetesdelivery.steps.RunFacts;
import io.jenkins.plugins.kubernetesdelivery.steps.StepConsole;
import io.jenkins.plugins.kubernetesdelivery.steps.StepFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code bakeImage}: scans the context on the workspace's agent, prepares the bake (every problem at once,
 * nothing created), saves its {@link BakeHandle}, then runs it; after a restart, re-attaches to the pod with the
 * handle. {@code stop()} deletes the pod at once ({@link Bake#cancel()}; an interrupt alone can be swallowed inside
 * fabric8's upload) and interrupts the worker. The registry password is masked in every line, the builder's log
 * included, and in every exception text; the execution keeps only the credentials' ID.
 */
final class BakeImageStepExecution extends DeliveryStepExecution<BakeHandle> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(BakeImageStepExecution.class.getName());

    static final String FUNCTION = "bakeImage";

    private final String repository;
    private final String environment;
    private final String cluster;
    private final String registryCredentialsId;
    private RunFacts facts;
    private int buildNumber;

    /** The arguments, for {@link #run}; after a restart only the saved handle is needed. */
    private final transient BakeImageStep step;

    private transient Target target;
    private transient BuilderPodSettings builder;
    private transient BakeServices bakeServices;
    private transient volatile Bake bake;

    BakeImageStepExecution(BakeImageStep step, StepContext context) {
        super(context, FUNCTION);
        this.step = step;
        repository = step.getRepository();
        environment = step.getEnvironment();
        cluster = step.getCluster();
        registryCredentialsId = step.getRegistryCredentialsId();
    }

    /** In memory: the workspace is there, the target and the builder defaults resolve, the build's facts. */
    @Override
    protected void prepare() throws Exception {
        if (getContext().get(FilePath.class) == null) {
            throw new AbortException(Messages.BakeImageStep_NoWorkspace());
        }
        bakeServices = BakeServices.of(getContext());
        facts = services().runFacts(getContext());
        buildNumber = bakeServices.buildNumber(getContext());
        target = services().target(environment, cluster, null, facts.jobFullName());
        builder = bakeServices.builderSettings(target.namespace());
    }

    @Override
    protected Object run(StepConsole console) throws Exception {
        String ns = builder.namespace();
        try {
            FilePath workspace = getContext().get(FilePath.class);
            if (workspace == null) {
                throw new AbortException(Messages.BakeImageStep_NoWorkspace());
            }
            RegistryCredentials credentials = registryCredentialsId == null
                    ? new RegistryCredentials.None()
                    : bakeServices.registryCredentials(registryCredentialsId, getContext());
            RegistryCredentialsTranslator.secretsOf(credentials).forEach(console::addSecret);
            try (KubernetesClient client = services().openClient(target, getContext())) {
                ns = ns != null ? ns : client.getNamespace();
                if (ns == null) {
                    throw new AbortException(Messages.BakeImageStepExecution_NoNamespace(target));
                }
                BakeInputs inputs = BakeInputs.of(step, builder, ns, identity(), credentials, ImageBaker.newBakeId())
                        .withPodLabels(bakeServices.podLabels());
                WorkspaceContext context = WorkspaceContext.scan(
                        workspace,
                        inputs.request().contextDir(),
                        inputs.request().dockerfile());
                Bake prepared = inputs.prepare(bakeServices.baker(client), context, console);
                BuilderPodSweeper.used(target.cluster().getName(), ns);
                bake = prepared;
                saveHandle(prepared.handle());
                return succeeded(prepared.run(), ns, console);
            }
        } catch (Exception e) {
            failed(ns, e, console);
            throw e;
        }
    }

    @Override
    protected Object resume(BakeHandle handle, StepConsole console) throws Exception {
        try {
            bakeServices = BakeServices.of(getContext());
            maskAgain(console);
            target = services().target(environment, cluster, null, facts.jobFullName());
            try (KubernetesClient client = services().openClient(target, getContext())) {
                Bake reattached = bakeServices.baker(client).reattach(handle, console);
                bake = reattached;
                return succeeded(reattached.run(), handle.namespace(), console);
            }
        } catch (Exception e) {
            failed(handle.namespace(), e, console);
            throw e;
        }
    }

    /**
     * Deletes the pod now, on a thread of its own: {@code stop()} runs on the CPS VM thread, which must not wait
     * for the cluster. The worker, interrupted next, ends with the engine's cancellation and cleans up again.
     */
    @Override
    protected void cancel() {
        Bake b = bake;
        if (b != null) {
            Timer.get().submit(() -> {
                try {
                    b.cancel();
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "cancelling bake " + b.handle().describe(), e);
                }
            });
        }
    }

    /** After a restart the secrets are looked up again, so the builder's last lines stay masked; best effort. */
    private void maskAgain(StepConsole console) {
        if (registryCredentialsId == null) {
            return;
        }
        try {
            RegistryCredentialsTranslator.secretsOf(
                            bakeServices.registryCredentials(registryCredentialsId, getContext()))
                    .forEach(console::addSecret);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "registry credentials not found again after a restart", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BuildIdentity identity() {
        return new BuildIdentity(facts.jobFullName(), buildNumber, facts.buildUrl());
    }

    private Map<String, Object> succeeded(BakeResult result, String ns, StepConsole console) {
        console.line(Messages.BakeImageStepExecution_Pushed(result.reference()));
        record(
                record(ns)
                        .release(result.reference())
                        .digest(result.digest())
                        .outcome(DeliveryRecord.Outcome.SUCCEEDED)
                        .build(),
                console);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("reference", result.reference());
        value.put("digest", result.digest());
        value.put("tags", new ArrayList<>(result.tags()));
        return value;
    }

    private void failed(@CheckForNull String ns, Throwable e, StepConsole console) {
        String why = StepFailures.of(e, console).getMessage();
        record(
                record(ns)
                        .outcome(DeliveryRecord.Outcome.FAILED)
                        .note(
                                why == null
                                        ? e.getClass().getSimpleName()
                                        : why.lines().findFirst().orElse(""))
                        .build(),
                console);
    }

    private DeliveryRecord.Builder record(@CheckForNull String ns) {
        return DeliveryRecord.of(DeliveryRecord.Kind.BAKE, String.valueOf(repository))
                .environment(environment)
                .namespace(ns)
                .who(facts == null ? null : facts.actor());
    }
}
