package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engine API of {@code bakeImage}. Typical use from a step running on a background thread:
 *
 * <pre>
 * Bake bake = baker.prepare(request, workspaceFiles, listener);   // validates, scans the context; no pod yet
 * // or, with the workspace elsewhere: baker.prepare(request, contextSource, listener) (scanned where it is)
 * persist(bake.handle());                                          // for onResume
 * BakeResult result = bake.run();                                  // creates the pod, uploads, waits, cleans up
 * // on abort, from another thread: bake.cancel();
 * // after a restart: baker.reattach(handle, listener).run(), or baker.cleanup(handle)
 * // now and then: baker.sweep(namespace, Duration.ofHours(1)) deletes finished and orphaned bakes
 * </pre>
 *
 * <p>Every failure a caller reports is a {@link DeliveryException}: {@link #prepare} throws
 * {@link DeliveryException#invalid} with every problem of the request and its context (nothing is created then);
 * {@link Bake#run()}, {@link #find}, {@link #sweep} and {@link #cleanup} throw {@link BakeException}. Only the
 * workspace port's {@link IOException} stays checked.
 */
public final class ImageBaker {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final KubernetesClient client;
    private final PodChannels channels;
    private final BakeSettings settings;

    public ImageBaker(KubernetesClient client) {
        this(client, new Fabric8PodChannels(), BakeSettings.DEFAULTS);
    }

    public ImageBaker(KubernetesClient client, PodChannels channels, BakeSettings settings) {
        this.client = client;
        this.channels = channels;
        this.settings = settings;
    }

    /** A fresh bake id: 10 lowercase letters and digits. */
    public static String newBakeId() {
        StringBuilder sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * Checks the request and scans the context; creates nothing in the cluster.
     *
     * @throws DeliveryException (invalid) with every problem of the request and of the context, each naming the
     *     input and the rule
     * @throws IOException when the workspace cannot be read (a failure of the {@link WorkspaceFiles} port, not of
     *     the input)
     */
    public Bake prepare(BakeRequest request, WorkspaceFiles workspace, ProgressListener listener) throws IOException {
        BakeRequest r = withBakeId(request);
        List<String> scanProblems = new ArrayList<>();
        BuildContext context = BuildContext.scan(workspace, r.contextDir(), r.dockerfile(), scanProblems);
        return prepare(r, context != null ? context : new Unsendable(scanProblems), listener);
    }

    /**
     * Checks the request together with a context scanned elsewhere (where the workspace is, with
     * {@link BuildContext#scan(WorkspaceFiles, String, String, List)} over the request's {@code contextDir()} and
     * {@code dockerfile()}); creates nothing in the cluster. The bake writes the tar with
     * {@link ContextSource#writeTo} once the builder pod's context receiver runs.
     *
     * @throws DeliveryException (invalid) with every problem of the request, of the context scan and of its size,
     *     each naming the input and the rule
     */
    public Bake prepare(BakeRequest request, ContextSource context, ProgressListener listener) {
        BakeRequest r = withBakeId(request);
        List<String> problems = new ArrayList<>(BakeValidator.validate(r));
        problems.addAll(context.problems());
        if (context.problems().isEmpty() && context.tarSize() > settings.maxContextBytes()) {
            problems.add("context '" + r.contextDir() + "' is " + mib(context.tarSize()) + " after .dockerignore,"
                    + " more than the limit of " + mib(settings.maxContextBytes()) + "; exclude build output and"
                    + " dependencies in .dockerignore");
        }
        if (!problems.isEmpty()) {
            throw DeliveryException.invalid("the bake request for " + r.repository(), problems);
        }
        for (String skipped : context.skipped()) {
            listener.line("context: skipped " + skipped);
        }
        String dockerConfig = r.credentials().toDockerConfigJson(ImageRef.registryOf(r.repository()));
        return new Bake(client, channels, settings, r, context, dockerConfig, listener);
    }

    private static BakeRequest withBakeId(BakeRequest request) {
        return request.bakeId() == null ? request.withBakeId(newBakeId()) : request;
    }

    /** Continues watching a bake whose pod was created before a restart; its context must have been received. */
    public Bake reattach(BakeHandle handle, ProgressListener listener) {
        return new Bake(client, channels, settings, handle, listener);
    }

    /** The bakes in a namespace, found by their labels (for re-attaching or cleaning up after a restart). */
    public List<BakeHandle> find(String namespace) {
        return call("listing the bakes in namespace " + namespace, () -> {
            List<BakeHandle> found = new ArrayList<>();
            for (Pod p : client.pods()
                    .inNamespace(namespace)
                    .withLabel(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER)
                    .withLabel(DeliveryLabels.COMPONENT, BakeLabels.COMPONENT_VALUE)
                    .list()
                    .getItems()) {
                found.add(handleOf(namespace, p));
            }
            return found;
        });
    }

    static BakeHandle handleOf(String namespace, Pod p) {
        String id = p.getMetadata().getLabels().get(BakeLabels.BAKE);
        var a = p.getMetadata().getAnnotations();
        String repo = a == null ? "" : a.getOrDefault(BakeLabels.REPOSITORY, "");
        String tags = a == null ? "" : a.getOrDefault(BakeLabels.TAGS, "");
        return new BakeHandle(namespace, id, repo, tags.isEmpty() ? List.of() : List.of(tags.split(",")));
    }

    /**
     * Deletes the pods and Secrets of bakes left behind in a namespace: those older than {@code olderThan} whose
     * pod has finished, is past its own deadline, or is gone while its Secret stayed. Bakes still running within
     * their deadline are kept. Call it now and then (for example once an hour) with an age longer than a
     * controller restart takes, so that a step resuming after a restart still finds its finished pod.
     *
     * @return the bakes whose objects were deleted
     */
    public List<BakeHandle> sweep(String namespace, Duration olderThan) {
        return sweep(namespace, olderThan, Instant.now());
    }

    List<BakeHandle> sweep(String namespace, Duration olderThan, Instant now) {
        return call(
                "sweeping the bakes in namespace " + namespace,
                () -> BakeSweep.sweep(client, namespace, olderThan, now));
    }

    /** Deletes the pod and Secret of a bake, found by its label; true when something was deleted. */
    public boolean cleanup(BakeHandle handle) {
        return call(
                "deleting the builder pod " + handle.describe(),
                () -> Bake.deleteByLabel(client, handle.namespace(), handle.bakeId()));
    }

    /** Runs a few API calls; a refusal (or an unreachable API) becomes a {@link BakeException} saying so. */
    private static <T> T call(String what, Supplier<T> calls) {
        try {
            return calls.get();
        } catch (KubernetesClientException e) {
            throw new BakeException(
                    what + " failed: " + ApiErrors.reason(e) + "; check the namespace and the"
                            + " permissions of the credentials",
                    List.of(),
                    e);
        }
    }

    /** A context whose scan found problems: never sent. */
    private record Unsendable(List<String> problems) implements ContextSource {
        @Override
        public long fileCount() {
            return 0;
        }

        @Override
        public long tarSize() {
            return 0;
        }

        @Override
        public void writeTo(java.io.OutputStream out) {
            throw new IllegalStateException("a context with problems is never sent");
        }
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
