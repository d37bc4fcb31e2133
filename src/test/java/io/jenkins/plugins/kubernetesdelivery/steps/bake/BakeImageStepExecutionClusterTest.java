package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeStages;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepContext;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.RiverPickles;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bakeImage} execution, driven by a {@link FakeStepContext} against testenv: kwok Stages play the
 * kubelet of the builder pod and {@link StageChannels} replaces attach and logs (kwok nodes serve neither), while
 * the context is scanned and streamed by the step's own agent-side code.
 */
@Tag("cluster")
class BakeImageStepExecutionClusterTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final String REPO = "registry.example.com/shop/web";
    static final String DIGEST = "sha256:" + "5e0bd1a2c3f4".repeat(5) + "abcd";
    static final String METADATA = "{\"containerimage.digest\":\"" + DIGEST + "\"}";
    /** Secrets in pure tests need a character outside Base64, or the real {@code Secret.fromString} decrypts. */
    static final String PASSWORD = "pa$$-registry-push-7";

    static final String AUTH = Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path ws;

    BakeStages stages;
    StageChannels channels;
    FakeStepServices services;
    FakeBakeServices bakeServices;
    final List<CountDownLatch> toRelease = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(ws.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        Files.writeString(ws.resolve("hello.txt"), "hello\n");
        stages = new BakeStages(ns.client());
        channels = new StageChannels();
        Environment build = new Environment("build", "testenv");
        build.setNamespace(ns.name());
        services = new FakeStepServices()
                .cluster(new KubernetesCluster("testenv"))
                .environment(build)
                .clients(t -> newClient());
        bakeServices = new FakeBakeServices(ns.name(), channels, stages.podLabels())
                .credentials("registry-push", new RegistryCredentials.UsernamePassword(null, "ci", PASSWORD));
    }

    @AfterEach
    void tearDown() {
        toRelease.forEach(CountDownLatch::countDown);
        stages.close();
    }

    static KubernetesClient newClient() {
        return newClient(new Interceptor() {});
    }

    static KubernetesClient newClient(Interceptor interceptor) {
        Config config = Config.fromKubeconfig(
                null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString());
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("test", interceptor))
                .build();
    }

    FakeStepContext context() {
        return supply(new FakeStepContext());
    }

    /** What Jenkins supplies a step's context with, before a start and again after a restart. */
    FakeStepContext supply(FakeStepContext c) {
        return c.withLog()
                .with(FilePath.class, new FilePath(ws.toFile()))
                .with(StepServices.class, services)
                .with(BakeServices.class, bakeServices);
    }

    static BakeImageStep step() {
        BakeImageStep step = new BakeImageStep(REPO);
        step.setEnvironment("build");
        step.setTags(List.of("1.0", "latest"));
        step.setRegistryCredentialsId("registry-push");
        return step;
    }

    static BakeImageStepExecution start(BakeImageStep step, FakeStepContext context) throws Exception {
        BakeImageStepExecution e = (BakeImageStepExecution) step.start(context);
        assertThat(e.start()).as("asynchronous").isFalse();
        return e;
    }

    void assertNothingLeft() throws Exception {
        KubernetesClient client = ns.client();
        client.pods()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE)
                .informOnCondition(List::isEmpty)
                .get(60, TimeUnit.SECONDS);
        client.secrets()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE)
                .informOnCondition(List::isEmpty)
                .get(60, TimeUnit.SECONDS);
    }

    void awaitPodUploaded() throws Exception {
        ns.client()
                .pods()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE)
                .informOnCondition(pods -> pods.stream()
                        .anyMatch(p ->
                                "true".equals(p.getMetadata().getAnnotations().get(BakeStages.UPLOADED))))
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void aBakeReturnsTheDigestPinnedReferenceAndRecordsItsDigest() throws Exception {
        stages.receiverRuns().buildTerminates(true, 0, "Completed", METADATA);
        FakeStepContext context = context();

        start(step(), context);
        Object value = context.awaitSuccess(WAIT);

        assertThat(value)
                .isEqualTo(
                        Map.of("reference", REPO + "@" + DIGEST, "digest", DIGEST, "tags", List.of("1.0", "latest")));
        assertThat(context.completions()).isEqualTo(1);
        assertThat(context.saves())
                .as("the handle, saved before the pod was created")
                .isEqualTo(1);
        assertThat(channels.uploaded).isEqualTo(WorkspaceContextTest.engineTar(ws, ".", "Dockerfile"));
        List<String> lines = context.log().lines().toList();
        assertThat(lines)
                .anyMatch(l -> l.startsWith("bakeImage: creating builder pod " + ns.name() + "/bake-"))
                .last()
                .isEqualTo("bakeImage: pushed " + REPO + "@" + DIGEST);
        assertThat(context.log()).doesNotContain(PASSWORD, AUTH);
        assertThat(services.action().getRecords()).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo(DeliveryRecord.Kind.BAKE);
            assertThat(r.getApp()).isEqualTo(REPO);
            assertThat(r.getDigest()).isEqualTo(DIGEST);
            assertThat(r.getRelease()).isEqualTo(REPO + "@" + DIGEST);
            assertThat(r.getEnvironment()).isEqualTo("build");
            assertThat(r.getNamespace()).isEqualTo(ns.name());
            assertThat(r.getOutcome()).isEqualTo(DeliveryRecord.Outcome.SUCCEEDED);
            assertThat(r.getWho()).isEqualTo("alice");
        });
        assertThat(services.clientsOpened()).isEqualTo(1);
        assertNothingLeft();
    }

    @Test
    void stopDeletesThePodAndItsSecretAndReportsTheStopOnce() throws Exception {
        stages.receiverRuns(); // the build never finishes on its own
        FakeStepContext context = context();
        BakeImageStepExecution execution = start(step(), context);
        awaitPodUploaded();
        Exception cause = new Exception("aborted by alice");

        execution.stop(cause);

        assertNothingLeft();
        assertThat(context.awaitFailure(WAIT)).isSameAs(cause);
        assertThat(context.completions()).isEqualTo(1);
        assertThat(context.log()).contains("bakeImage: deleted builder pod " + ns.name() + "/bake-");
        assertThat(services.action().getRecords())
                .singleElement()
                .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(DeliveryRecord.Outcome.FAILED));
    }

    /**
     * The race of a stop whose cancel wakes the worker before the stop's interrupt reaches it: the interrupt lands
     * in the clean-up's delete. Held here deterministically: the build fails on its own, the worker's delete of the
     * pod waits until the stop has interrupted it. The clean-up must still delete everything and say so.
     */
    @Test
    void aStopWhoseInterruptLandsInTheCleanUpStillDeletesThePodAndSaysSo() throws Exception {
        stages.receiverRuns().buildTerminates(true, 1, "Error", "");
        HeldPodDelete held = new HeldPodDelete();
        toRelease.add(held.release);
        services.clients(t -> newClient(held));
        FakeStepContext context = context();
        BakeImageStepExecution execution = start(step(), context);
        assertThat(held.inDelete.await(60, TimeUnit.SECONDS))
                .as("the worker deletes the pod")
                .isTrue();
        Exception cause = new Exception("aborted by alice");

        execution.stop(cause); // interrupts the worker inside the delete
        held.release.countDown();

        assertThat(context.awaitFailure(WAIT)).isSameAs(cause);
        assertThat(context.completions()).isEqualTo(1);
        assertThat(context.log())
                .contains("bakeImage: deleted builder pod " + ns.name() + "/bake-")
                .doesNotContain("could not delete");
        assertNothingLeft();
    }

    /** Holds the first delete of pods (the worker's clean-up) until released; an interrupt meanwhile stays set. */
    static final class HeldPodDelete implements Interceptor {
        final CountDownLatch inDelete = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean held = new AtomicBoolean();

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (!"DELETE".equals(request.method())
                    || !request.uri().getPath().endsWith("/pods")
                    || !held.compareAndSet(false, true)) {
                return;
            }
            inDelete.countDown();
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void stopEndsABakeWhoseUploadSwallowsTheInterrupt() throws Exception {
        stages.receiverRuns();
        channels.swallowInterrupts = true;
        FakeStepContext context = context();
        BakeImageStepExecution execution = start(step(), context);
        assertThat(channels.inUpload.await(60, TimeUnit.SECONDS)).isTrue();
        Exception cause = new Exception("aborted by alice");

        execution.stop(cause);

        assertThat(context.awaitFailure(WAIT)).isSameAs(cause);
        assertThat(cause.getSuppressed()).singleElement().asString().contains("cancelled");
        assertThat(context.completions()).isEqualTo(1);
        assertNothingLeft();
    }

    @Test
    void afterARestartTheStepReattachesToItsPodAndReturnsTheDigestWithoutASecondPod() throws Exception {
        stages.receiverRuns().building().buildTerminates(BakeStages.FINISH, "Running", 0, "Completed", METADATA);
        CountDownLatch frozen = channels.freezeFirstLog(); // the first controller "dies" while following the log
        toRelease.add(frozen);
        FakeStepContext before = context();
        BakeImageStepExecution execution = start(step(), before);
        assertThat(channels.inFrozenLog.await(60, TimeUnit.SECONDS))
                .as("the build is running")
                .isTrue();
        assertThat(before.saves()).isEqualTo(1);
        String podUid = channels.podUid;

        RiverPickles.Pickled pickled = RiverPickles.pickle(execution);
        assertThat(new String(pickled.program(), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD, AUTH);
        BakeImageStepExecution restored = RiverPickles.unpickle(pickled, BakeImageStepExecution.class);
        FakeStepContext after = supply((FakeStepContext) restored.getContext());
        restored.onResume();
        awaitLine(after, "bakeImage: re-attaching to builder pod " + ns.name() + "/bake-");
        assertThat(ns.client()
                        .pods()
                        .inNamespace(ns.name())
                        .withLabel(BakeLabels.BAKE)
                        .list()
                        .getItems())
                .singleElement()
                .satisfies(p -> assertThat(p.getMetadata().getUid()).isEqualTo(podUid));
        ns.client()
                .pods()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE)
                .list()
                .getItems()
                .forEach(p -> ns.client().pods().resource(p).edit(x -> {
                    x.getMetadata().getAnnotations().put(BakeStages.FINISH, "true");
                    return x;
                }));

        Object value = after.awaitSuccess(WAIT);

        assertThat(value)
                .isEqualTo(
                        Map.of("reference", REPO + "@" + DIGEST, "digest", DIGEST, "tags", List.of("1.0", "latest")));
        assertThat(after.completions()).isEqualTo(1);
        assertThat(after.saves()).as("no second handle").isZero();
        assertThat(channels.calls.stream().filter(c -> c.startsWith("upload"))).hasSize(1);
        assertThat(after.log())
                .doesNotContain("creating builder pod")
                .doesNotContain(PASSWORD)
                .contains("bakeImage: pushed " + REPO + "@" + DIGEST);
        assertThat(services.action().getRecords())
                .extracting(DeliveryRecord::getDigest)
                .containsExactly(DIGEST);
        assertNothingLeft();
    }

    @Test
    void aRestartBeforeTheHandleWasSavedFailsWithRunItAgainAndChangesNothing() throws Exception {
        stages.receiverRuns().buildTerminates(true, 0, "Completed", METADATA);
        CountDownLatch held = bakeServices.holdCredentials();
        toRelease.add(held);
        FakeStepContext before = context();
        BakeImageStepExecution execution = start(step(), before);
        assertThat(bakeServices.inCredentials.await(60, TimeUnit.SECONDS)).isTrue();

        BakeImageStepExecution restored = RiverPickles.roundTrip(execution);
        FakeStepContext after = supply((FakeStepContext) restored.getContext());
        restored.onResume();

        assertThat(after.awaitFailure(WAIT))
                .isInstanceOf(AbortException.class)
                .hasMessage(io.jenkins.plugins.kubernetesdelivery.steps.Messages.DeliveryStepExecution_RunAgain(
                        "bakeImage"));
        // the first controller's worker never gets further (it died): here it finds no credentials any more
        bakeServices.forget("registry-push");
        held.countDown();
        before.awaitFailure(WAIT);
        assertThat(ns.client().pods().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(before.saves()).isZero();
    }

    @Test
    void theRegistryPasswordNeverShowsNotEvenInTheLastLogLinesOfAFailure() throws Exception {
        stages.receiverRuns().buildTerminates(true, 1, "Error", "");
        channels.logLines = List.of(
                "#1 resolving",
                "login as ci:" + PASSWORD,
                "using auth " + AUTH,
                "error: failed to push: 401 Unauthorized for " + PASSWORD);
        FakeStepContext context = context();

        start(step(), context);
        Throwable failure = context.awaitFailure(WAIT);

        assertThat(failure)
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("exited with code 1 (Error): the registry answered 401 Unauthorized; check the"
                        + " registry credentials for " + REPO + "; see the builder log above")
                .hasMessageContaining("last builder log lines:\n  #1 resolving\n  login as ci:****\n  using auth ****")
                .hasMessageNotContaining(PASSWORD)
                .hasMessageNotContaining(AUTH);
        assertThat(context.log()).contains("bakeImage: login as ci:****").doesNotContain(PASSWORD, AUTH);
        assertThat(services.action().getRecords()).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryRecord.Outcome.FAILED);
            assertThat(r.getNote()).contains("exited with code 1").doesNotContain(PASSWORD);
        });
        assertNothingLeft();
    }

    @Test
    void everyProblemOfTheStepTheRequestAndTheContextComesAtOnceAndNothingIsCreated() throws Exception {
        BakeImageStep step = step();
        step.setTags(List.of("1.0", "bad tag"));
        step.setDockerfile("Missing");
        step.setBuildArgs(IntStream.range(0, 65)
                .boxed()
                .collect(java.util.stream.Collectors.toMap(
                        i -> "ARG_" + i, i -> "v", (a, b) -> a, java.util.LinkedHashMap::new)));
        FakeStepContext context = context();

        start(step, context);

        assertThat(context.awaitFailure(WAIT))
                .isInstanceOf(AbortException.class)
                .hasMessage("the bake request for " + REPO + " is invalid; nothing in the cluster changed:\n"
                        + "  - buildArgs has 65 entries; at most 64 are allowed\n"
                        + "  - tags[1] 'bad tag' must start with a letter, digit or '_' and contain only letters,"
                        + " digits, '_', '.' and '-', at most 128 characters (image reference grammar)\n"
                        + "  - dockerfile 'Missing' does not exist in the context '.'");
        assertThat(context.saves()).isZero();
        assertThat(ns.client().pods().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void unknownRegistryCredentialsAreNamedAndNothingIsCreated() throws Exception {
        BakeImageStep step = step();
        step.setRegistryCredentialsId("no-such-id");
        FakeStepContext context = context();

        start(step, context);

        assertThat(context.awaitFailure(WAIT))
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.RegistryCredentials_NotFound("no-such-id"));
        assertThat(ns.client().pods().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void outsideNodeTheStepSaysToWrapItInNode() throws Exception {
        FakeStepContext context = new FakeStepContext()
                .withLog()
                .with(StepServices.class, services)
                .with(BakeServices.class, bakeServices);
        BakeImageStepExecution execution = (BakeImageStepExecution) step().start(context);

        assertThatThrownBy(execution::start)
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.BakeImageStep_NoWorkspace())
                .hasMessageContaining("node {");
        assertThat(context.completions()).isZero();
    }

    @Test
    void anEnvironmentThatRefusesTheJobStopsTheStepBeforeItStarts() throws Exception {
        Environment prod = new Environment("production", "testenv");
        prod.setJobs("ops/**");
        services.environment(prod);
        BakeImageStep step = step();
        step.setEnvironment("production");
        FakeStepContext context = context();
        BakeImageStepExecution execution = (BakeImageStepExecution) step.start(context);

        assertThatThrownBy(execution::start)
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("does not accept job 'shop/web/main'");
        assertThat(services.clientsOpened()).isZero();
    }

    static void awaitLine(FakeStepContext context, String prefix) throws InterruptedException {
        for (int i = 0; i < 600 && context.log().lines().noneMatch(l -> l.startsWith(prefix)); i++) {
            Thread.sleep(100);
        }
        assertThat(context.log().lines()).anyMatch(l -> l.startsWith(prefix));
    }
}
