package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.ClusterConnections;
import io.jenkins.plugins.kubernetesdelivery.DeliveryClients;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeHandle;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes builder pods, and their registry push Secrets, that no bake will come back for (audit D-8): the engine's
 * {@link ImageBaker#sweep} every 10 minutes over each builder namespace ({@link SweepTargets}), for bakes older
 * than {@link #AGE} that finished, passed their deadline, or lost their pod. A bake still running within its
 * deadline is never touched, and the age (with the first run 15 minutes after start-up) leaves a step that resumes
 * after a controller restart the time to read its finished pod. Logs what it deleted; never throws.
 */
@Extension
public final class BuilderPodSweeper extends AsyncPeriodicWork {

    private static final Logger LOGGER = Logger.getLogger(BuilderPodSweeper.class.getName());

    /** How old a finished or orphaned bake must be before it is swept: longer than a controller restart takes. */
    static final Duration AGE = Duration.ofHours(1);

    private static final Set<SweepTargets.Target> USED = ConcurrentHashMap.newKeySet();
    /** The last failure per target, so that a lasting one is logged once, not every 10 minutes. */
    private static final Map<SweepTargets.Target, String> FAILING = new ConcurrentHashMap<>();

    public BuilderPodSweeper() {
        super("Kubernetes Delivery builder pod sweep");
    }

    @Override
    public long getRecurrencePeriod() {
        return 10 * MIN;
    }

    @Override
    public long getInitialDelay() {
        return 15 * MIN;
    }

    /** Remembers where a bake of this controller runs its pod, so that namespace is swept too. */
    static void used(String cluster, String namespace) {
        USED.add(new SweepTargets.Target(cluster, namespace));
    }

    @Override
    protected void execute(TaskListener listener) {
        DeliveryConfiguration config = DeliveryConfiguration.get();
        List<SweepTargets.Target> targets = SweepTargets.of(
                config.getClusters(),
                config.getEnvironments(),
                config.getBuilderDefaults().getNamespace(),
                USED);
        for (SweepTargets.Target target : targets) {
            KubernetesCluster cluster = config.getCluster(target.cluster());
            if (cluster == null) {
                continue;
            }
            try {
                KubernetesClient client = DeliveryClients.get().get(ClusterConnections.resolve(cluster));
                sweep(client, target, AGE, listener.getLogger());
                FAILING.remove(target);
            } catch (AbortException | RuntimeException e) {
                String reason = String.valueOf(e.getMessage());
                Level level = reason.equals(FAILING.put(target, reason)) ? Level.FINE : Level.WARNING;
                LOGGER.log(level, "cannot sweep the builder pods in " + target + ": " + reason, e);
                listener.getLogger().println("cannot sweep the builder pods in " + target + ": " + reason);
            }
        }
    }

    /**
     * Sweeps one builder namespace; returns what was deleted.
     *
     * @throws io.jenkins.plugins.kubernetesdelivery.engine.image.BakeException when the cluster refuses
     */
    static List<BakeHandle> sweep(KubernetesClient client, SweepTargets.Target target, Duration age, PrintStream log) {
        List<BakeHandle> swept = new ImageBaker(client).sweep(target.namespace(), age);
        for (BakeHandle h : swept) {
            String line = "deleted builder pod " + h.describe() + " left behind in cluster " + target.cluster()
                    + (h.repository().isEmpty() ? " (its registry Secret only)" : " (" + h.repository() + ")");
            LOGGER.info(line);
            log.println(line);
        }
        return swept;
    }
}
