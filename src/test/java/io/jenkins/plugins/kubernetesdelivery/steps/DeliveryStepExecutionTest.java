package io.jenkins.plugins.kubernetesdelivery.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jenkins.model.CauseOfInterruption;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The base's lifecycle with a trivial fake engine call ({@link Scripted}): one outcome, failure mapping, stop,
 * restart with and without a saved handle, status and blocksRestart.
 */
class DeliveryStepExecutionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

    /** What one {@link Scripted} execution does, and what it saw; found again after pickling by its id. */
    static final class Script {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        final AtomicReference<Authentication> ranAs = new AtomicReference<>();
        final AtomicReference<String> resumedWith = new AtomicReference<>();
        volatile boolean saveHandle = true;
        volatile boolean switching;
        volatile RuntimeException thrown;
        volatile AbortException refusal;

        void awaitStarted() throws InterruptedException {
            assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the work started")
                    .isTrue();
        }
    }

    /** Works on "shop/web": saves handle op-1, then blocks until released (a stand-in for an engine call). */
    static final class Scripted extends DeliveryStepExecution<String> {
        private static final long serialVersionUID = 1L;
        private final String id;

        Scripted(StepContext context, String id) {
            super(context, "deliver");
            this.id = id;
        }

        private Script script() {
            return SCRIPTS.get(id);
        }

        @Override
        protected void prepare() throws AbortException {
            if (script().refusal != null) {
                throw script().refusal;
            }
        }

        @Override
        protected Object run(StepConsole console) throws Exception {
            Script s = script();
            s.runs.incrementAndGet();
            s.ranAs.set(Jenkins.getAuthentication2());
            console.addSecret("s3cr3t-token");
            console.line("working on shop/web");
            if (s.saveHandle) {
                saveHandle("op-1");
            }
            console.switchInFlight(s.switching);
            s.started.countDown();
            try {
                s.release.await();
            } catch (InterruptedException e) {
                console.line("interrupted; shop/web is put back");
                throw new DeliveryException("the work on shop/web was interrupted (the step was aborted)");
            } finally {
                console.switchInFlight(false);
            }
            if (s.thrown != null) {
                throw s.thrown;
            }
            console.line("shop/web is done");
            return Map.of("release", "v2");
        }

        @Override
        protected Object resume(String handle, StepConsole console) {
            Script s = script();
            s.resumes.incrementAndGet();
            s.resumedWith.set(handle);
            s.ranAs.set(Jenkins.getAuthentication2());
            console.line("resuming " + handle);
            return Map.of("release", "v2", "resumed", handle);
        }

        @Override
        protected void cancel() {
            script().cancels.incrementAndGet();
        }
    }

    private final String id = UUID.randomUUID().toString();
    private final Script script = new Script();
    private final FakeStepServices services = new FakeStepServices();

    {
        SCRIPTS.put(id, script);
    }

    @AfterEach
    void releaseAndForget() {
        script.release.countDown();
        SCRIPTS.remove(id);
    }

    private FakeStepContext context() {
        return new FakeStepContext().withLog().with(StepServices.class, services);
    }

    /** What Pipeline passes to stop() when a user aborts the build. */
    static FlowInterruptedException aborted() {
        return new FlowInterruptedException(Result.ABORTED, true, new CauseOfInterruption() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getShortDescription() {
                return "Aborted by bob";
            }
        });
    }

    @Test
    void successIsReportedOnceWithPrefixedLinesUnderTheBuildsAuthentication() throws Exception {
        Authentication bob = new UsernamePasswordAuthenticationToken("bob", "n/a");
        services.authentication(bob);
        FakeStepContext context = context();
        Scripted execution = new Scripted(context, id);

        assertThat(execution.start()).isFalse();
        script.awaitStarted();
        assertThat(context.saves())
                .as("the handle was saved before the work went on")
                .isEqualTo(1);
        assertThat(execution.getStatus()).isEqualTo("working on shop/web");
        script.release.countDown();

        assertThat(context.awaitSuccess(WAIT)).isEqualTo(Map.of("release", "v2"));
        assertThat(context.log()).contains("deliver: working on shop/web\n", "deliver: shop/web is done\n");
        assertThat(script.ranAs.get()).isSameAs(bob);
        assertThat(context.completions()).isEqualTo(1);
        assertThat(execution.getStatus()).isEqualTo("shop/web is done");
    }

    @Test
    void anEngineFailureBecomesAnAbortExceptionWithoutSecrets() throws Exception {
        script.thrown = DeliveryException.invalid(
                "the request for shop/web",
                List.of("token 's3cr3t-token' is not allowed here", "app '' must not be empty"));
        FakeStepContext context = context();
        new Scripted(context, id).start();
        script.release.countDown();

        Throwable failure = context.awaitFailure(WAIT);
        assertThat(failure)
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("the request for shop/web is invalid; nothing in the cluster changed:\n"
                        + "  - token '****' is not allowed here\n  - app '' must not be empty");
        assertThat(context.completions()).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailurePropagatesAsItIs() throws Exception {
        IllegalStateException bug = new IllegalStateException("a bug");
        script.thrown = bug;
        FakeStepContext context = context();
        new Scripted(context, id).start();
        script.release.countDown();

        assertThat(context.awaitFailure(WAIT)).isSameAs(bug);
    }

    @Test
    void aRefusalInPrepareFailsTheStartAndRunsNothing() throws Exception {
        script.refusal = new AbortException("environment 'production' does not allow job x");
        FakeStepContext context = context();
        Scripted execution = new Scripted(context, id);

        assertThatThrownBy(execution::start).isSameAs(script.refusal);
        assertThat(script.started.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(script.runs).hasValue(0);
        assertThat(context.isDone())
                .as("start() threw: Pipeline reports that itself")
                .isFalse();
    }

    @Test
    void stopWhileRunningCancelsInterruptsAndFailsOnceWithTheStopCause() throws Exception {
        FakeStepContext context = context();
        Scripted execution = new Scripted(context, id);
        execution.start();
        script.awaitStarted();

        FlowInterruptedException cause = aborted();
        execution.stop(cause);

        assertThat(context.awaitFailure(WAIT)).isSameAs(cause);
        assertThat(script.cancels).hasValue(1);
        assertThat(cause.getSuppressed()).hasSize(1);
        assertThat(cause.getSuppressed()[0])
                .isInstanceOf(AbortException.class)
                .hasMessage("the work on shop/web was interrupted (the step was aborted)");
        assertThat(context.log()).contains("deliver: interrupted; shop/web is put back");
        execution.stop(aborted());
        assertThat(context.completions()).isEqualTo(1);
    }

    @Test
    void stopWithoutAWorkerFailsAtOnce() throws Exception {
        FakeStepContext context = context();
        Scripted execution = new Scripted(context, id);
        FlowInterruptedException cause = aborted();

        execution.stop(cause);

        assertThat(context.awaitFailure(WAIT)).isSameAs(cause);
        assertThat(script.cancels).as("nothing to cancel").hasValue(0);
    }

    @Test
    void workThatFinishesDespiteAStopStillReportsTheStop() throws Exception {
        FakeStepContext context = context();
        Scripted execution = new Scripted(context, id);
        execution.start();
        script.awaitStarted();
        script.release.countDown();
        assertThat(context.awaitSuccess(WAIT)).isNotNull();

        execution.stop(aborted());
        assertThat(context.completions()).as("the outcome was reported already").isEqualTo(1);
    }

    @Test
    void pickledWhileRunningItResumesExactlyOnceWithTheSavedHandle() throws Exception {
        FakeStepContext before = context();
        Scripted execution = new Scripted(before, id);
        execution.start();
        script.awaitStarted();

        Scripted restored = RiverPickles.roundTrip(execution);
        FakeStepContext context = (FakeStepContext) restored.getContext();
        context.withLog().with(StepServices.class, services);
        restored.onResume();

        assertThat(context.awaitSuccess(WAIT)).isEqualTo(Map.of("release", "v2", "resumed", "op-1"));
        assertThat(script.resumes).hasValue(1);
        assertThat(script.resumedWith).hasValue("op-1");
        assertThat(script.runs).as("the work is not started again").hasValue(1);
        assertThat(context.log()).contains("deliver: resuming op-1");
        assertThat(context.completions()).isEqualTo(1);
        assertThat(before.isDone()).isFalse();
    }

    @Test
    void aRestartBeforeTheHandleWasSavedFailsWithRunItAgain() throws Exception {
        script.saveHandle = false;
        Scripted execution = new Scripted(context(), id);
        execution.start();
        script.awaitStarted();

        Scripted restored = RiverPickles.roundTrip(execution);
        FakeStepContext context = (FakeStepContext) restored.getContext();
        context.withLog().with(StepServices.class, services);
        restored.onResume();

        assertThat(context.awaitFailure(WAIT))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("The controller restarted before deliver changed anything in the cluster; nothing was"
                        + " changed; run it again.");
        assertThat(script.resumes).hasValue(0);
    }

    @Test
    void restartIsBlockedOnlyWhileASwitchIsInFlight() throws Exception {
        script.switching = true;
        FakeStepContext context = context();
        Scripted execution = new Scripted(context, id);
        assertThat(execution.blocksRestart()).isFalse();
        execution.start();
        script.awaitStarted();
        assertThat(execution.blocksRestart()).isTrue();

        script.release.countDown();
        context.awaitSuccess(WAIT);
        assertThat(execution.blocksRestart()).isFalse();
    }
}
