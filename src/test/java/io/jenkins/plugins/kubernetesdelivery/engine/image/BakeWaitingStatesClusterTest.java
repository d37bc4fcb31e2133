package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting states against testenv: a transient ErrImagePull does not fail the bake, a crash-looping buildkitd sidecar
 * fails it at once instead of after the timeout. kwok Stages write the states a kubelet would.
 */
@Tag("cluster")
class BakeWaitingStatesClusterTest {

    static final String DIGEST = "sha256:" + "9d".repeat(32);

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path ws;

    KubernetesClient client;
    BakeStages stages;
    final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        client = ns.client();
        stages = new BakeStages(client);
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\n");
    }

    @AfterEach
    void tearDown() {
        stages.close();
    }

    Bake prepare(String builder, Duration timeout) throws Exception {
        // the engine's own deadline is the timeout: without crash-loop detection the bake would end there
        ImageBaker baker = new ImageBaker(
                client,
                new StageDrivenChannels(),
                BakeSettings.DEFAULTS.withResync(Duration.ofSeconds(2)).withDeadlineMargin(Duration.ZERO));
        return baker.prepare(
                BakeRequest.builder("registry.example.com/shop/web")
                        .namespace(ns.name())
                        .builder(builder)
                        .timeout(timeout)
                        .extraLabels(stages.podLabels())
                        .build(),
                new LocalWorkspaceFiles(ws),
                console::add);
    }

    @Test
    void aCrashLoopingBuildkitdSidecarFailsTheBakeBeforeItsTimeout() throws Exception {
        stages.receiverRuns()
                .afterUpload("crash")
                .create("""
                {{ $now := Now }}
                phase: Pending
                initContainerStatuses:
                {{ range .spec.initContainers }}
                - name: {{ .name | Quote }}
                  image: {{ .image | Quote }}
                  ready: false
                {{ if eq .name "context" }}
                  restartCount: 0
                  state:
                """ + BakeStages.terminated(0, "Completed", null).indent(4) + """
                {{ else }}
                  restartCount: 2
                  state:
                    waiting:
                      reason: CrashLoopBackOff
                      message: 'back-off 20s restarting failed container'
                  lastState:
                """
                        + BakeStages.terminated(1, "Error", null).indent(4) + """
                {{ end }}
                {{ end }}
                """
                        + statuses("containers", false, 0, """
                state:
                  waiting:
                    reason: PodInitializing
                """));
        Bake bake = prepare("buildkit", Duration.ofSeconds(30));
        assertThatThrownBy(bake::run)
                .isInstanceOfSatisfying(
                        BakeException.class,
                        e -> assertThat(e.reason())
                                .isEqualTo("container buildkitd of "
                                        + bake.handle().describe() + " keeps crashing (CrashLoopBackOff,"
                                        + " restarted 2 times, last exit code 1 (Error)); read its log with kubectl logs -n "
                                        + ns.name() + " " + bake.handle().podName()
                                        + " -c buildkitd --previous and check that the"
                                        + " nodes meet the builder's requirements"));
        assertThat(client
                        .pods()
                        .inNamespace(ns.name())
                        .withLabel(BakeLabels.BAKE, bake.handle().bakeId())
                        .list()
                        .getItems()
                        .stream()
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null))
                .isEmpty();
    }

    @Test
    void errImagePullIsRetriedAndTheBakeGoesOn() throws Exception {
        stages.receiverRuns()
                .afterUpload("pull")
                .create("""
                {{ $now := Now }}
                phase: Pending
                """
                        + statuses(
                                "initContainers",
                                false,
                                0,
                                "state:\n"
                                        + BakeStages.terminated(0, "Completed", null)
                                                .indent(2))
                        + statuses("containers", false, 0, """
                        state:
                          waiting:
                            reason: ErrImagePull
                            message: 'rpc error: code = Unknown desc = failed to pull: 503 Service Unavailable'
                        """));
        // once the test has seen ErrImagePull, the pull succeeds after a while and the build pushes
        stages.buildTerminates(BakeStages.FINISH, "Pending", 0, "Completed", DIGEST, Duration.ofSeconds(2));
        Bake bake = prepare("kaniko", Duration.ofMinutes(5));
        CompletableFuture<BakeResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return bake.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        client.pods()
                .inNamespace(ns.name())
                .withName(bake.handle().podName())
                .waitUntilCondition(
                        p -> p != null
                                && p.getStatus().getContainerStatuses() != null
                                && p.getStatus().getContainerStatuses().stream()
                                        .anyMatch(c -> c.getState().getWaiting() != null
                                                && "ErrImagePull"
                                                        .equals(c.getState()
                                                                .getWaiting()
                                                                .getReason())),
                        60,
                        TimeUnit.SECONDS);
        try {
            client.pods()
                    .inNamespace(ns.name())
                    .withName(bake.handle().podName())
                    .edit(p -> {
                        p.getMetadata().getAnnotations().put(BakeStages.FINISH, "true");
                        return p;
                    });
        } catch (KubernetesClientException e) {
            // the pod is gone: the bake failed on ErrImagePull, and get() below says so
        }
        assertThat(running.get(60, TimeUnit.SECONDS).digest()).isEqualTo(DIGEST);
    }
}
