package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.BuilderPodSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuilderImages;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.PodChannels;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@link BakeServices} for offline tests: builder pods in {@code namespace} with the pinned images, credentials from
 * a map, the engine over the given {@link PodChannels} (kwok nodes serve no attach or logs), and the test's kwok
 * Stage label on the pod. {@link #holdCredentials()} makes the worker wait in the credentials lookup, before it
 * saves a handle.
 */
final class FakeBakeServices implements BakeServices {

    private final String namespace;
    private final PodChannels channels;
    private final Map<String, String> podLabels;
    private final Map<String, RegistryCredentials> credentials = new ConcurrentHashMap<>();
    private volatile CountDownLatch held;
    final CountDownLatch inCredentials = new CountDownLatch(1);

    FakeBakeServices(String namespace, PodChannels channels, Map<String, String> podLabels) {
        this.namespace = namespace;
        this.channels = channels;
        this.podLabels = Map.copyOf(podLabels);
    }

    FakeBakeServices credentials(String id, RegistryCredentials c) {
        credentials.put(id, c);
        return this;
    }

    /** From now on, the build cannot see credentials {@code id}. */
    void forget(String id) {
        credentials.remove(id);
    }

    /** The next credentials lookup waits until the returned latch is counted down. */
    CountDownLatch holdCredentials() {
        held = new CountDownLatch(1);
        return held;
    }

    @Override
    public BuilderPodSettings builderSettings(String targetNamespace) {
        return new BuilderPodSettings(
                BuilderImages.DEFAULTS, "buildkit", namespace, Map.of(), Map.of(), Map.of(), List.of(), null);
    }

    @Override
    public int buildNumber(StepContext context) {
        return 12;
    }

    @Override
    public RegistryCredentials registryCredentials(String id, StepContext context)
            throws AbortException, InterruptedException {
        inCredentials.countDown();
        CountDownLatch h = held;
        if (h != null && !h.await(2, TimeUnit.MINUTES)) {
            throw new AbortException("the test never let the credentials lookup go on");
        }
        RegistryCredentials c = credentials.get(id);
        if (c == null) {
            throw new AbortException(Messages.RegistryCredentials_NotFound(id));
        }
        return c;
    }

    @Override
    public ImageBaker baker(KubernetesClient client) {
        return new ImageBaker(client, channels, BakeSettings.DEFAULTS.withResync(Duration.ofSeconds(2)));
    }

    @Override
    public Map<String, String> podLabels() {
        return podLabels;
    }
}
