package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Interrupts;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One bake: {@link #run()} creates the builder pod and its Secret, sends the context, streams the builder log,
 * waits for the build container to terminate and deletes everything again, whatever the outcome.
 * {@link #cancel()} may be called from any thread.
 */
public final class Bake {

    private static final Logger LOGGER = Logger.getLogger(Bake.class.getName());
    private static final Object DELETED = new Object();
    private static final Object WAKE_UP = new Object();
    /** How often the clean-up deletes again when an abort's interrupt broke the delete. */
    private static final int CLEANUP_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final PodChannels channels;
    private final BakeSettings settings;
    private final BakeHandle handle;
    private final BakeRequest request;
    private final ContextSource context;
    private final String dockerConfig;
    private final ProgressListener listener;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelled;

    Bake(
            KubernetesClient client,
            PodChannels channels,
            BakeSettings settings,
            BakeRequest request,
            ContextSource context,
            String dockerConfig,
            ProgressListener listener) {
        this.client = client;
        this.channels = channels;
        this.settings = settings;
        this.request = request;
        this.context = context;
        this.dockerConfig = dockerConfig;
        this.listener = listener;
        this.handle = new BakeHandle(request.namespace(), request.bakeId(), request.repository(), request.tags());
    }

    Bake(
            KubernetesClient client,
            PodChannels channels,
            BakeSettings settings,
            BakeHandle handle,
            ProgressListener listener) {
        this.client = client;
        this.channels = channels;
        this.settings = settings;
        this.request = null;
        this.context = null;
        this.dockerConfig = null;
        this.listener = listener;
        this.handle = handle;
    }

    /** What to persist to find this bake again. */
    public BakeHandle handle() {
        return handle;
    }

    /** The scanned context, or null for a re-attached bake. */
    public ContextSource context() {
        return context;
    }

    /**
     * Runs the bake to its end. Blocks; call it from a thread that may wait for minutes. Whatever the outcome, the
     * pod and Secret are deleted before it returns.
     *
     * @throws BakeException when no image was pushed
     * @throws BakeException.Cancelled after {@link #cancel()}, or when the thread was interrupted; the thread's
     *     interrupt flag is set again then
     */
    public BakeResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a bake runs once");
        }
        String id = handle.describe();
        SharedIndexInformer<Pod> informer = null;
        Closeable logs = null;
        try {
            checkCancelled();
            Instant deadline;
            boolean uploaded;
            if (request != null) {
                listener.line("creating builder pod " + id + " (" + request.builder() + ", context "
                        + context.fileCount() + " files, " + ImageBaker.mib(context.tarSize()) + ")");
                create();
                deadline = Instant.now().plus(request.timeout()).plus(settings.deadlineMargin());
                uploaded = false;
            } else {
                listener.line("re-attaching to builder pod " + id);
                deadline = null;
                uploaded = true;
            }
            checkCancelled();
            informer = client.pods()
                    .inNamespace(handle.namespace())
                    .withName(handle.podName())
                    .inform(new Events(), settings.resync().toMillis());
            Pod pod = get();
            if (deadline == null) {
                deadline = reattachDeadline(pod);
            }
            while (true) {
                checkCancelled();
                PodOutcome outcome = PodOutcome.of(pod, id, Instant.now(), settings.unschedulableGrace());
                if (!(outcome instanceof PodOutcome.InProgress p)) {
                    if (logs == null && buildContainerStarted(pod)) {
                        logs = followLog();
                    }
                    closeQuietly(logs);
                    logs = null;
                    if (outcome instanceof PodOutcome.Succeeded s) {
                        BakeResult result = new BakeResult(handle.repository(), s.digest(), handle.tags());
                        listener.line(
                                "pushed " + result.reference() + " (tags " + String.join(", ", result.tags()) + ")");
                        return result;
                    }
                    List<String> last = lastLines();
                    throw new BakeException(withRegistryStatus(((PodOutcome.Failed) outcome).reason(), last), last);
                }
                if (!uploaded && p.contextReceiverRunning()) {
                    listener.line("sending context to " + id + " (" + ImageBaker.mib(context.tarSize()) + ")");
                    channels.upload(
                            client, handle.namespace(), handle.podName(), BuilderPod.CONTEXT_CONTAINER, context);
                    uploaded = true;
                } else if (request == null && !p.contextReceived()) {
                    throw new BakeException(
                            "the context upload into " + id + " was interrupted by a restart;" + " run the build again",
                            List.of());
                }
                if (logs == null && p.buildStarted()) {
                    logs = followLog();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new BakeException(
                            "the builder pod " + id + " did not finish within its timeout of "
                                    + pod.getSpec().getActiveDeadlineSeconds() + " s; raise the timeout or speed up the"
                                    + " build",
                            lastLines());
                }
                pod = next(pod);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checkCancelled();
            throw interrupted(id, e);
        } catch (IOException e) {
            checkCancelled();
            throwIfInterrupted(id, e);
            throw new BakeException(
                    "sending the context to " + id + " failed: " + e.getMessage()
                            + "; check that the cluster allows pods/attach",
                    lastLines(),
                    e);
        } catch (KubernetesClientException e) {
            checkCancelled();
            throwIfInterrupted(id, e);
            throw new BakeException(
                    "the Kubernetes API refused a request for " + id + ": " + ApiErrors.reason(e)
                            + "; check the namespace and the permissions of the credentials",
                    lastLines(),
                    e);
        } finally {
            // an abort may interrupt this thread inside a fabric8 call, which leaves the flag set
            Closeable openLogs = logs;
            SharedIndexInformer<Pod> openInformer = informer;
            Interrupts.runCleared(() -> {
                closeQuietly(openLogs);
                if (openInformer != null) {
                    openInformer.close();
                }
                cleanup(id);
            });
        }
    }

    /** A failed exit's reason with the registry's answer from the log, when a line gives one (audit case 11). */
    private String withRegistryStatus(String reason, List<String> last) {
        if (!reason.endsWith(PodOutcome.SEE_LOG)) {
            return reason;
        }
        return RegistryStatus.describe(last, handle.repository())
                .map(s -> reason.substring(0, reason.length() - PodOutcome.SEE_LOG.length()) + ": " + s
                        + PodOutcome.SEE_LOG)
                .orElse(reason);
    }

    /** A fabric8 call that failed because this thread was interrupted ends the run as an interrupt. */
    private static void throwIfInterrupted(String id, Exception e) {
        if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
            Thread.currentThread().interrupt();
            throw interrupted(id, e);
        }
    }

    private static BakeException.Cancelled interrupted(String id, Exception cause) {
        return new BakeException.Cancelled(
                "the bake was interrupted (the step was aborted); deleted builder pod " + id, cause);
    }

    /** Stops the bake: deletes its pod and Secret now and makes {@link #run()} end with {@link BakeException.Cancelled}. */
    public void cancel() {
        cancelled = true;
        events.add(WAKE_UP);
        try {
            deleteByLabel(client, handle.namespace(), handle.bakeId());
        } catch (KubernetesClientException e) {
            LOGGER.log(Level.WARNING, "cancelling " + handle.describe() + ": the delete failed; run() retries it", e);
        }
    }

    private void create() {
        boolean existingSecret = request.credentials() instanceof RegistryCredentials.ExistingSecret;
        if (existingSecret) {
            checkExistingSecret(((RegistryCredentials.ExistingSecret) request.credentials()).name());
        }
        Pod created = client.pods()
                .resource(BuilderPod.pod(request, dockerConfig != null || existingSecret))
                .fieldManager(DeliveryLabels.FIELD_MANAGER)
                .serverSideApply();
        if (dockerConfig != null) {
            client.secrets()
                    .resource(BuilderPod.secret(request, created, dockerConfig))
                    .fieldManager(DeliveryLabels.FIELD_MANAGER)
                    .serverSideApply();
        }
    }

    /**
     * A pod mounting a missing Secret would wait in ContainerCreating until its deadline: fail before creating it.
     * Reads the Secret's type only; its data is not used.
     */
    private void checkExistingSecret(String name) {
        var secret =
                client.secrets().inNamespace(handle.namespace()).withName(name).get();
        String where = handle.namespace() + "/" + name;
        if (secret == null) {
            throw new BakeException(
                    "the registry Secret " + where + " does not exist; create it in the builder"
                            + " namespace (kubectl create secret docker-registry " + name + " -n " + handle.namespace()
                            + " …) or name another one",
                    List.of());
        }
        if (!"kubernetes.io/dockerconfigjson".equals(secret.getType())) {
            throw new BakeException(
                    "the registry Secret " + where + " is of type " + secret.getType()
                            + ", not kubernetes.io/dockerconfigjson; create one with kubectl create secret docker-registry",
                    List.of());
        }
    }

    private Pod get() {
        return client.pods()
                .inNamespace(handle.namespace())
                .withName(handle.podName())
                .get();
    }

    /** The next pod state: the newest watch event, or a fresh read when none arrived within the resync period. */
    private Pod next(Pod current) throws InterruptedException {
        Object ev = events.poll(settings.resync().toMillis(), TimeUnit.MILLISECONDS);
        if (ev == null) {
            return get();
        }
        Object newest = ev;
        for (Object more = events.poll(); more != null; more = events.poll()) {
            newest = more;
        }
        if (newest == WAKE_UP) {
            return current;
        }
        return newest == DELETED ? null : (Pod) newest;
    }

    private Instant reattachDeadline(Pod pod) {
        Instant now = Instant.now();
        if (pod == null || pod.getSpec().getActiveDeadlineSeconds() == null) {
            return now.plus(settings.deadlineMargin());
        }
        Instant createdAt;
        try {
            createdAt = OffsetDateTime.parse(pod.getMetadata().getCreationTimestamp())
                    .toInstant();
        } catch (RuntimeException e) {
            createdAt = now;
        }
        return createdAt
                .plus(Duration.ofSeconds(pod.getSpec().getActiveDeadlineSeconds()))
                .plus(settings.deadlineMargin());
    }

    private static boolean buildContainerStarted(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
            if (BuilderPod.BUILD_CONTAINER.equals(c.getName())
                    && c.getState() != null
                    && (c.getState().getRunning() != null || c.getState().getTerminated() != null)) {
                return true;
            }
        }
        return false;
    }

    private Closeable followLog() {
        try {
            return channels.followLog(
                    client, handle.namespace(), handle.podName(), BuilderPod.BUILD_CONTAINER, this::logLine);
        } catch (KubernetesClientException e) {
            listener.line("cannot stream the builder log of " + handle.describe() + ": " + ApiErrors.reason(e));
            return null;
        }
    }

    private void logLine(String line) {
        synchronized (lastLines) {
            lastLines.addLast(line);
            while (lastLines.size() > settings.logLinesKept()) {
                lastLines.removeFirst();
            }
        }
        listener.line(line);
    }

    private List<String> lastLines() {
        synchronized (lastLines) {
            return List.copyOf(lastLines);
        }
    }

    private void checkCancelled() {
        if (cancelled) {
            throw new BakeException.Cancelled("the bake was cancelled; deleted builder pod " + handle.describe());
        }
    }

    /**
     * Deletes the pod and Secret. An abort's interrupt can arrive during the delete, not only before it: a caller
     * that aborts cancels (which wakes {@link #run()} into this clean-up) and interrupts the thread right after. A
     * delete that failed because of an interrupt is tried again with the flag cleared; the flag is set again after.
     */
    private void cleanup(String id) {
        boolean interrupted = false;
        try {
            for (int attempt = 1; ; attempt++) {
                interrupted |= Thread.interrupted();
                try {
                    deleteByLabel(client, handle.namespace(), handle.bakeId());
                    listener.line("deleted builder pod " + id);
                    return;
                } catch (KubernetesClientException e) {
                    boolean flagSet = Thread.interrupted();
                    boolean byInterrupt = flagSet || causedByInterrupt(e);
                    interrupted |= byInterrupt;
                    if (!byInterrupt || attempt == CLEANUP_ATTEMPTS) {
                        listener.line("could not delete builder pod " + id + ": " + ApiErrors.reason(e)
                                + "; it stops at its deadline; delete pods labelled " + BakeLabels.BAKE + "="
                                + handle.bakeId());
                        return;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True when an {@link InterruptedException} is in the cause chain (fabric8 wraps the one that broke a call). */
    private static boolean causedByInterrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the pod and Secret labelled with the bake id; true when anything was deleted. */
    static boolean deleteByLabel(KubernetesClient client, String namespace, String bakeId) {
        boolean pods = !client.pods()
                .inNamespace(namespace)
                .withLabel(BakeLabels.BAKE, bakeId)
                .delete()
                .isEmpty();
        boolean secrets = !client.secrets()
                .inNamespace(namespace)
                .withLabel(BakeLabels.BAKE, bakeId)
                .delete()
                .isEmpty();
        return pods || secrets;
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.FINE, "closing a log stream", e);
            }
        }
    }

    private final class Events implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            events.add(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            events.add(newPod);
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            events.add(DELETED);
        }
    }
}
