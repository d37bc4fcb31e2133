package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An abort interrupts the bake thread while it is inside a fabric8 call (here: the upload, which blocks in a real
 * watch against testenv). fabric8 leaves the interrupt flag set, and with it set every later fabric8 call fails at
 * once: the cleanup must still delete the pod and the registry Secret, and the flag must be set again afterwards.
 */
@Tag("cluster")
class BakeInterruptClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path ws;

    /** An upload that blocks in a fabric8 wait until its thread is interrupted. */
    static final class BlockingUpload implements PodChannels {
        final CountDownLatch blocking = new CountDownLatch(1);

        @Override
        public void upload(
                KubernetesClient client, String namespace, String pod, String container, ContextSource context) {
            blocking.countDown();
            client.pods().inNamespace(namespace).withName(pod).waitUntilCondition(p -> p == null, 5, TimeUnit.MINUTES);
        }

        @Override
        public Closeable followLog(
                KubernetesClient client, String namespace, String pod, String container, Consumer<String> lines) {
            return () -> {};
        }
    }

    @Test
    void interruptDuringAFabric8CallStillDeletesPodAndSecretAndKeepsTheInterrupt() throws Exception {
        KubernetesClient client = ns.client();
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\n");
        BlockingUpload channels = new BlockingUpload();
        List<String> console = new CopyOnWriteArrayList<>();
        try (BakeStages stages = new BakeStages(client).receiverRuns()) {
            Bake bake = new ImageBaker(client, channels, BakeSettings.DEFAULTS.withResync(Duration.ofSeconds(2)))
                    .prepare(
                            BakeRequest.builder("registry.example.com/shop/web")
                                    .namespace(ns.name())
                                    .credentials(new RegistryCredentials.UsernamePassword(null, "ci", "s3cret"))
                                    .extraLabels(stages.podLabels())
                                    .build(),
                            new LocalWorkspaceFiles(ws),
                            console::add);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flagAfterRun = new AtomicBoolean();
            Thread runner = new Thread(
                    () -> {
                        try {
                            bake.run();
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                        flagAfterRun.set(Thread.currentThread().isInterrupted());
                    },
                    "bake runner");
            runner.start();
            assertThat(channels.blocking.await(60, TimeUnit.SECONDS))
                    .as("the upload started")
                    .isTrue();
            String bakeId = bake.handle().bakeId();
            assertThat(client.secrets()
                            .inNamespace(ns.name())
                            .withName(bake.handle().secretName())
                            .get())
                    .isNotNull();

            // interrupt only once the runner is parked in the upload's fabric8 wait (a timed wait): an interrupt that
            // lands between the countdown and that wait would test a different path
            awaitParkedInTimedWait(runner);
            runner.interrupt();
            runner.join(TimeUnit.SECONDS.toMillis(60));

            assertThat(runner.isAlive()).isFalse();
            assertThat(console)
                    .contains("deleted builder pod " + ns.name() + "/"
                            + bake.handle().podName());
            assertThat(
                            client
                                    .pods()
                                    .inNamespace(ns.name())
                                    .withLabel(BakeLabels.BAKE, bakeId)
                                    .list()
                                    .getItems()
                                    .stream()
                                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null))
                    .isEmpty();
            assertThat(client.secrets()
                            .inNamespace(ns.name())
                            .withLabel(BakeLabels.BAKE, bakeId)
                            .list()
                            .getItems())
                    .isEmpty();
            assertThat(flagAfterRun.get())
                    .as("interrupt flag restored after the cleanup")
                    .isTrue();
            assertThat(thrown.get())
                    .isInstanceOf(BakeException.Cancelled.class)
                    .hasMessageContaining("interrupted")
                    .hasMessageContaining(ns.name() + "/" + bake.handle().podName());
        }
    }

    private static void awaitParkedInTimedWait(Thread t) throws InterruptedException {
        int parked = 0;
        for (int i = 0; i < 1500 && parked < 5; i++) {
            parked = t.getState() == Thread.State.TIMED_WAITING ? parked + 1 : 0;
            Thread.sleep(20);
        }
        assertThat(parked).as("the runner parks in the upload's wait").isEqualTo(5);
    }
}
