package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bake lifecycle against the real API server of testenv; kwok Stages play the kubelet (digest message,
 * non-zero exit, OOMKilled) and {@link StageDrivenChannels} replaces attach and logs, which kwok nodes cannot serve.
 */
@Tag("cluster")
class ImageBakerClusterTest {

    static final String DIGEST = "sha256:" + "5e0bd1a2c3f4".repeat(5) + "abcd";

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path ws;

    KubernetesClient client;
    StageDrivenChannels channels;
    ImageBaker baker;
    BakeStages stages;
    final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        client = ns.client();
        channels = new StageDrivenChannels();
        baker = new ImageBaker(
                client,
                channels,
                BakeSettings.DEFAULTS.withResync(Duration.ofSeconds(2)).withUnschedulableGrace(Duration.ZERO));
        stages = new BakeStages(client);
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        Files.writeString(ws.resolve("hello.txt"), "hello\n");
    }

    @AfterEach
    void tearDown() {
        stages.close();
    }

    BakeRequest.Builder request(String builder) {
        return BakeRequest.builder("registry.example.com/shop/web")
                .namespace(ns.name())
                .builder(builder)
                .tags("1.0", "latest")
                .timeout(Duration.ofMinutes(5))
                .credentials(new RegistryCredentials.UsernamePassword(null, "ci", "s3cret"))
                .identity(new BuildIdentity("shop/web/main", 7, "https://ci.example.com/job/web/7/"))
                .extraLabels(stages.podLabels());
    }

    void assertNothingLeft(String bakeId) throws Exception {
        client.pods()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE, bakeId)
                .informOnCondition(List::isEmpty)
                .get(60, TimeUnit.SECONDS);
        client.secrets()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE, bakeId)
                .informOnCondition(List::isEmpty)
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void buildkitBakeReturnsTheDigestFromTheMetadataMessageAndCleansUp() throws Exception {
        stages.receiverRuns()
                .buildTerminates(
                        true,
                        0,
                        "Completed",
                        "{\"containerimage.digest\":\"" + DIGEST
                                + "\",\"image.name\":\"registry.example.com/shop/web:1.0\"}");
        Bake bake = baker.prepare(request("buildkit").build(), new LocalWorkspaceFiles(ws), console::add);
        BakeResult result = bake.run();

        assertThat(result.digest()).isEqualTo(DIGEST);
        assertThat(result.reference()).isEqualTo("registry.example.com/shop/web@" + DIGEST);
        assertThat(result.tags()).containsExactly("1.0", "latest");
        assertThat(channels.calls)
                .startsWith("upload " + ns.name() + "/" + bake.handle().podName() + " context");
        ByteArrayTar.assertHoldsFiles(channels.uploaded, "Dockerfile", "hello.txt");

        Pod pod = channels.podDuringUpload;
        assertThat(pod.getMetadata().getLabels())
                .containsEntry(BakeLabels.BAKE, bake.handle().bakeId())
                .containsEntry(BakeLabels.JOB, "shop-web-main")
                .containsEntry(BakeLabels.BUILD_NUMBER, "7");
        assertThat(pod.getMetadata().getAnnotations())
                .containsEntry(DeliveryLabels.BUILD_URL, "https://ci.example.com/job/web/7/");
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
        assertThat(pod.getMetadata().getManagedFields())
                .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("kubernetes-delivery"));
        assertThat(channels.secretDuringUpload.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(channels.secretDuringUpload.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        o -> assertThat(o.getUid()).isEqualTo(pod.getMetadata().getUid()));

        assertThat(console)
                .anyMatch(l -> l.startsWith("creating builder pod " + ns.name() + "/bake-"))
                .anyMatch(l -> l.equals("pushed registry.example.com/shop/web@" + DIGEST + " (tags 1.0, latest)"));
        assertThat(String.join("\n", console)).doesNotContain("s3cret");
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void kanikoBakeReturnsTheBareDigest() throws Exception {
        stages.receiverRuns().buildTerminates(true, 0, "Completed", DIGEST);
        Bake bake = baker.prepare(request("kaniko").build(), new LocalWorkspaceFiles(ws), console::add);
        assertThat(bake.run().digest()).isEqualTo(DIGEST);
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void nonZeroExitFailsWithTheCodeAndCleansUp() throws Exception {
        stages.receiverRuns().buildTerminates(true, 1, "Error", "");
        List<String> log = new java.util.ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            log.add("step " + i);
        }
        log.add("error: failed to push: 401 Unauthorized");
        channels.logLines = log;
        Bake bake = baker.prepare(request("kaniko").build(), new LocalWorkspaceFiles(ws), console::add);
        assertThatThrownBy(bake::run).isInstanceOfSatisfying(BakeException.class, e -> {
            // audit case 11: the registry's status in the one-line reason
            assertThat(e.reason())
                    .isEqualTo("the builder container of " + ns.name() + "/"
                            + bake.handle().podName()
                            + " exited with code 1 (Error): the registry answered 401 Unauthorized; check the registry"
                            + " credentials for " + bake.handle().repository() + "; see the builder log above");
            assertThat(e.lastLogLines())
                    .hasSize(20)
                    .startsWith("step 7")
                    .endsWith("error: failed to push: 401 Unauthorized");
            assertThat(e.getMessage()).contains("last builder log lines:\n  step 7");
        });
        assertThat(console).containsSubsequence("step 1", "step 25", "error: failed to push: 401 Unauthorized");
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void oomKilledIsNamed() throws Exception {
        stages.receiverRuns().buildTerminates(true, 137, "OOMKilled", "");
        Bake bake = baker.prepare(request("buildkit").build(), new LocalWorkspaceFiles(ws), console::add);
        assertThatThrownBy(bake::run)
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("was OOMKilled (exit code 137); raise the builder's memory limit");
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void exitZeroWithoutADigestIsAFailure() throws Exception {
        stages.receiverRuns().buildTerminates(true, 0, "Completed", "done");
        Bake bake = baker.prepare(request("kaniko").build(), new LocalWorkspaceFiles(ws), console::add);
        assertThatThrownBy(bake::run).hasMessageContaining("holds no sha256 digest");
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void cancelDeletesThePodAndEndsTheRun() throws Exception {
        stages.receiverRuns(); // never finishes: the upload marker is never reacted to
        Bake bake = baker.prepare(request("buildkit").build(), new LocalWorkspaceFiles(ws), console::add);
        CompletableFuture<BakeResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return bake.run();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        client.pods()
                .inNamespace(ns.name())
                .withName(bake.handle().podName())
                .waitUntilCondition(p -> p != null, 60, TimeUnit.SECONDS);
        bake.cancel();
        assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(BakeException.Cancelled.class);
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void anInterruptWhileWaitingCancelsTheBakeAndKeepsTheInterrupt() throws Exception {
        stages.receiverRuns(); // never finishes: the run waits for pod events after the upload
        Bake bake = baker.prepare(request("buildkit").build(), new LocalWorkspaceFiles(ws), console::add);
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
        client.pods()
                .inNamespace(ns.name())
                .withName(bake.handle().podName())
                .waitUntilCondition(
                        p -> p != null
                                && "true"
                                        .equals(p.getMetadata().getAnnotations().get(BakeStages.UPLOADED)),
                        60,
                        TimeUnit.SECONDS);

        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(BakeException.Cancelled.class).hasMessageContaining("interrupted");
        assertThat(flagAfterRun.get()).as("interrupt flag set after the run").isTrue();
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void unschedulablePodFailsWithTheSchedulerMessage() throws Exception {
        Bake bake = baker.prepare(
                request("kaniko").nodeSelector(Map.of("pool", "does-not-exist")).build(),
                new LocalWorkspaceFiles(ws),
                console::add);
        assertThatThrownBy(bake::run)
                .isInstanceOf(BakeException.class)
                .hasMessageContaining("cannot be scheduled")
                .hasMessageContaining("node selector");
        assertNothingLeft(bake.handle().bakeId());
    }

    @Test
    void badInputCreatesNothing() throws Exception {
        assertThatThrownBy(() -> baker.prepare(
                        request("buildkit")
                                .tags("1.0; rm -rf /")
                                .dockerfile("Missing")
                                .build(),
                        new LocalWorkspaceFiles(ws),
                        console::add))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> assertThat(e.problems())
                                .hasSize(2)
                                .anyMatch(p -> p.startsWith("tags[0]"))
                                .anyMatch(p -> p.startsWith("dockerfile 'Missing' does not exist")));
        assertThat(client.pods().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(client.secrets()
                        .inNamespace(ns.name())
                        .withLabel(DeliveryLabels.MANAGED_BY)
                        .list()
                        .getItems())
                .isEmpty();
    }

    /**
     * A pod created by an earlier controller process (context already received) is found and re-attached to. (kwok
     * reacts to Stages on pod events, so the Stages exist before the pod.)
     */
    @Test
    void reattachByLabelsAfterARestart() throws Exception {
        BakeRequest r = request("buildkit").bakeId(ImageBaker.newBakeId()).build();
        Pod pod = BuilderPod.pod(r, false);
        pod.getMetadata().getAnnotations().put(BakeStages.UPLOADED, "true");
        stages.building().buildTerminates(BakeStages.FINISH, "Running", 0, "Completed", DIGEST);
        client.pods().resource(pod).fieldManager("kubernetes-delivery").serverSideApply();
        client.pods()
                .inNamespace(ns.name())
                .withName(pod.getMetadata().getName())
                .waitUntilCondition(
                        p -> p != null && "Running".equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);

        ImageBaker restarted =
                new ImageBaker(client, channels, BakeSettings.DEFAULTS.withResync(Duration.ofSeconds(2)));
        List<BakeHandle> found = restarted.find(ns.name());
        assertThat(found).singleElement().satisfies(h -> {
            assertThat(h.bakeId()).isEqualTo(r.bakeId());
            assertThat(h.repository()).isEqualTo("registry.example.com/shop/web");
            assertThat(h.tags()).containsExactly("1.0", "latest");
        });
        ProgressListener finishOnceReattached = line -> {
            console.add(line);
            if (line.startsWith("re-attaching")) {
                client.pods()
                        .inNamespace(ns.name())
                        .withName(pod.getMetadata().getName())
                        .edit(p -> {
                            p.getMetadata().getAnnotations().put(BakeStages.FINISH, "true");
                            return p;
                        });
            }
        };
        BakeResult result =
                restarted.reattach(found.get(0), finishOnceReattached).run();
        assertThat(result.reference()).isEqualTo("registry.example.com/shop/web@" + DIGEST);
        assertThat(channels.calls)
                .noneMatch(c -> c.startsWith("upload"))
                .contains("log " + ns.name() + "/" + pod.getMetadata().getName() + " build");
        assertThat(console)
                .contains("re-attaching to builder pod " + ns.name() + "/"
                        + pod.getMetadata().getName());
        assertNothingLeft(r.bakeId());
    }

    @Test
    void reattachFailsWhenTheContextNeverArrived() throws Exception {
        BakeRequest r = request("kaniko").bakeId(ImageBaker.newBakeId()).build();
        client.pods()
                .resource(BuilderPod.pod(r, false))
                .fieldManager("kubernetes-delivery")
                .serverSideApply();
        BakeHandle handle = new BakeHandle(ns.name(), r.bakeId(), r.repository(), r.tags());
        assertThatThrownBy(() -> baker.reattach(handle, console::add).run())
                .hasMessageContaining("was interrupted by a restart");
        assertNothingLeft(r.bakeId());
    }

    @Test
    void cleanupByLabelsRemovesAnOrphanedBake() throws Exception {
        BakeRequest r = request("kaniko").bakeId(ImageBaker.newBakeId()).build();
        Pod created = client.pods()
                .resource(BuilderPod.pod(r, true))
                .fieldManager("kubernetes-delivery")
                .serverSideApply();
        client.secrets()
                .resource(BuilderPod.secret(r, created, "{\"auths\":{}}"))
                .fieldManager("kubernetes-delivery")
                .serverSideApply();
        BakeHandle handle = baker.find(ns.name()).get(0);
        assertThat(baker.cleanup(handle)).isTrue();
        assertNothingLeft(r.bakeId());
        assertThat(baker.cleanup(handle)).isFalse();
    }
}
