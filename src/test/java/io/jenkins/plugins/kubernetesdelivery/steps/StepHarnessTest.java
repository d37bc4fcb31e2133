package io.jenkins.plugins.kubernetesdelivery.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.Secret;
import java.io.File;
import java.io.NotSerializableException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline harness for step executions: {@link FakeStepContext} and {@link RiverPickles}. */
class StepHarnessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Secrets in pure tests need a character outside Base64, or the real {@code Secret.fromString} tries to decrypt. */
    private static final String PASSWORD = "pa$$word-from-a-manifest";

    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final String name;
        final Secret secret;
        final String plain;
        transient Object client = new Object();
        Object jenkinsObject;

        Holder(String name, Secret secret, String plain) {
            this.name = name;
            this.secret = secret;
            this.plain = plain;
        }
    }

    static final class SerializableListener implements TaskListener {
        private static final long serialVersionUID = 1L;

        @Override
        public PrintStream getLogger() {
            return System.out;
        }
    }

    /** Completes from another thread with its name, after saving its state; a restart re-arms it in onResume. */
    static final class Background extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final String name;
        private transient Thread worker;

        Background(StepContext context, String name) {
            super(context);
            this.name = name;
        }

        @Override
        public boolean start() throws Exception {
            getContext().saveState().get();
            return false;
        }

        void finishInBackground() {
            worker = new Thread(() -> {
                try {
                    getContext().get(TaskListener.class).getLogger().println("done " + name);
                    getContext().onSuccess(name);
                } catch (Exception x) {
                    getContext().onFailure(x);
                }
            });
            worker.start();
        }

        @Override
        public void onResume() {
            finishInBackground();
        }
    }

    /** A step whose descriptor a test makes without Jenkins, as step tests do for argumentsToString. */
    static final class Greet extends Step {
        @Override
        public StepExecution start(StepContext context) {
            return new Background(context, "greet");
        }

        static final class DescriptorImpl extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(TaskListener.class);
            }

            @Override
            public String getFunctionName() {
                return "greet";
            }
        }
    }

    @Test
    void aDescriptorIsMadeWithoutJenkins() {
        Greet.DescriptorImpl descriptor = new Greet.DescriptorImpl();
        assertThat(descriptor.clazz).isEqualTo(Greet.class);
        assertThat(descriptor.argumentsToString(Map.of("name", "web"))).isEqualTo("web");
        assertThat(descriptor.argumentsToString(Map.of("name", "web", "port", 80)))
                .isNull();
    }

    @Test
    void aLocalWorkspaceIsReadWithAntGlobs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("k8s/base"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("k8s/base/web.yaml"), "kind: Deployment");
        Files.writeString(dir.resolve("k8s/svc.yaml"), "kind: Service");
        Files.writeString(dir.resolve("k8s/notes.txt"), "not a manifest");
        Files.writeString(dir.resolve(".git/config.yaml"), "ignored by Ant's default excludes");

        FilePath workspace = new FilePath(dir.toFile());
        assertThat(workspace.isRemote()).isFalse();
        FilePath[] manifests = workspace.list("**/*.yaml");
        assertThat(Arrays.stream(manifests).map(FilePath::getRemote))
                .containsExactlyInAnyOrder(
                        dir.resolve("k8s/base/web.yaml").toString(),
                        dir.resolve("k8s/svc.yaml").toString());
        FilePath svc = workspace.child("k8s").child("svc.yaml");
        assertThat(svc.exists()).isTrue();
        assertThat(svc.readToString()).isEqualTo("kind: Service");
        assertThat(workspace.child("k8s").isDirectory()).isTrue();
        assertThat(workspace.child("missing.yaml").exists()).isFalse();
        assertThat(workspace.act(new MasterToSlaveFileCallable<String>() {
                    @Override
                    public String invoke(File f, VirtualChannel channel) {
                        return f.getName();
                    }
                }))
                .isEqualTo(dir.toFile().getName());
    }

    @Test
    void picklingKeepsFieldsAndDropsTransients() throws Exception {
        Holder before = new Holder("web", null, "x");
        Holder after = RiverPickles.roundTrip(before);
        assertThat(after).isNotSameAs(before);
        assertThat(after.name).isEqualTo("web");
        assertThat(after.plain).isEqualTo("x");
        assertThat(before.client).isNotNull();
        assertThat(after.client).isNull();
    }

    @Test
    void secretsAreKeptOutOfTheProgramStream() throws Exception {
        RiverPickles.Pickled pickled =
                RiverPickles.pickle(new Holder("web", Secret.fromString(PASSWORD), "visible-text"));
        String program = new String(pickled.program(), StandardCharsets.ISO_8859_1);
        assertThat(program).contains("visible-text").doesNotContain(PASSWORD);
        assertThat(pickled.ephemerals()).hasSize(1);

        Holder after = RiverPickles.unpickle(pickled, Holder.class);
        assertThat(after.secret.getPlainText()).isEqualTo(PASSWORD);
    }

    @Test
    void refusesJenkinsObjectsAnExecutionMustNotKeep() {
        Holder holder = new Holder("web", null, "x");
        holder.jenkinsObject = new SerializableListener();
        assertThatThrownBy(() -> RiverPickles.pickle(holder))
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining(TaskListener.class.getName());
    }

    @Test
    void contextAnswersByTypeAndRecordsTheFirstOutcome() throws Exception {
        FakeStepContext context = new FakeStepContext().withLog().with(EnvVars.class, new EnvVars("GIT_COMMIT", "abc"));
        assertThat(context.get(FilePath.class)).isNull();
        EnvVars env = context.get(EnvVars.class);
        assertThat(env.get("git_commit")).isEqualTo("abc");
        env.put("GIT_COMMIT", "changed");
        assertThat(context.get(EnvVars.class).get("GIT_COMMIT")).isEqualTo("abc");
        assertThat(context.hasBody()).isFalse();

        Background execution = new Background(context, "web");
        assertThat(execution.start()).isFalse();
        assertThat(context.saves()).isEqualTo(1);
        assertThatThrownBy(() -> context.await(Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);

        execution.finishInBackground();
        assertThat(context.awaitSuccess(WAIT)).isEqualTo("web");
        assertThat(context.log()).contains("done web");
        context.onFailure(new IllegalStateException("late"));
        assertThat(context.completions()).isEqualTo(2);
        assertThat(context.awaitSuccess(WAIT)).isEqualTo("web");

        context.setResult(Result.UNSTABLE);
        context.setResult(Result.SUCCESS);
        assertThat(context.result()).isSameAs(Result.UNSTABLE);
    }

    @Test
    void anExecutionPickledMidwayResumesOnItsRestoredContext() throws Exception {
        FakeStepContext before = new FakeStepContext().with(TaskListener.class, new SerializableListener());
        Background execution = new Background(before, "web");
        execution.start();

        Background restored = RiverPickles.roundTrip(execution);
        FakeStepContext context = (FakeStepContext) restored.getContext();
        assertThat(context).isEqualTo(before).isNotSameAs(before);
        assertThat(context.get(TaskListener.class))
                .as("context objects are not pickled")
                .isNull();
        assertThat(context.saves()).isZero();

        context.withLog();
        restored.onResume();
        assertThat(context.awaitSuccess(WAIT)).isEqualTo("web");
        assertThat(context.log()).contains("done web");
        assertThat(before.isDone()).isFalse();
    }
}
