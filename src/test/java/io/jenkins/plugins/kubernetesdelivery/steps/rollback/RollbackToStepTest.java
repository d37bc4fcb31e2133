package io.jenkins.plugins.kubernetesdelivery.steps.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepContext;
import io.jenkins.plugins.kubernetesdelivery.steps.FakeStepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The step bean, its descriptor, and every refusal before the first request: the execution runs on a fake context
 * whose services open no client (opening one fails the test).
 */
class RollbackToStepTest {

    private final FakeStepServices services = new FakeStepServices();

    RollbackToStepTest() {
        KubernetesCluster prod = new KubernetesCluster("prod");
        prod.setServerUrl("https://k8s.example.com:6443");
        KubernetesCluster sandbox = new KubernetesCluster("sandbox");
        sandbox.setAllowDirectUse(true);
        Environment production = new Environment("production", "prod");
        production.setNamespace("shop");
        production.setJobs("shop/web/main");
        services.cluster(prod).cluster(sandbox).environment(production);
    }

    private static RollbackToStep step(Consumer<RollbackToStep> settings) {
        RollbackToStep step = new RollbackToStep("web");
        step.setEnvironment("production");
        settings.accept(step);
        return step;
    }

    /** Starts the step's real execution; returns the refusal start() threw. */
    private AbortException refusal(RollbackToStep step) {
        FakeStepContext context = new FakeStepContext().withLog().with(StepServices.class, services);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> step.start(context).start());
        assertThat(services.clientsOpened()).as("no request to the cluster").isZero();
        assertThat(services.action().getRecords()).isEmpty();
        assertThat(context.isDone()).isFalse();
        assertThat(t).isInstanceOf(AbortException.class);
        return (AbortException) t;
    }

    @Test
    void theDescriptorNamesTheStepAndNeedsNoWorkspace() {
        RollbackToStep.DescriptorImpl d = new RollbackToStep.DescriptorImpl();
        assertThat(d.getFunctionName()).isEqualTo("rollbackTo");
        assertThat(d.getDisplayName()).isEqualTo("Roll back to a kept release");
        assertThat(Set.copyOf(d.getRequiredContext())).isEqualTo(Set.of(Run.class, TaskListener.class));
    }

    @Test
    void theLabelIsAppToWhere() {
        RollbackToStep.DescriptorImpl d = new RollbackToStep.DescriptorImpl();
        assertThat(d.argumentsToString(Map.of(
                        "app", "web", "environment", "production", "release", "v7", "reason", "errors after v8")))
                .isEqualTo("web → production");
        assertThat(d.argumentsToString(Map.of("app", "web", "cluster", "sandbox", "namespace", "team-a")))
                .isEqualTo("web → sandbox/team-a");
        assertThat(d.argumentsToString(Map.of("app", "web", "cluster", "sandbox")))
                .isEqualTo("web → sandbox");
        assertThat(d.argumentsToString(Map.of("app", "web"))).isEqualTo("web");
        Map<String, Object> noApp = new HashMap<>();
        noApp.put("environment", "production");
        assertThat(d.argumentsToString(noApp)).isNull();
    }

    @Test
    void argumentsAreNormalisedButABlankReleaseIsKept() {
        RollbackToStep step = new RollbackToStep(" web ");
        assertThat(step.getApp()).isEqualTo("web");
        assertThat(step.getRelease()).isEqualTo("previous");
        step.setRelease(" v7 ");
        assertThat(step.getRelease()).isEqualTo("v7");
        step.setRelease("  ");
        assertThat(step.getRelease()).isEmpty();
        step.setEnvironment(" ");
        step.setReason("");
        step.setCluster(" sandbox ");
        assertThat(step.getEnvironment()).isNull();
        assertThat(step.getReason()).isNull();
        assertThat(step.getCluster()).isEqualTo("sandbox");
        assertThat(step.getTimeout()).isZero();
        assertThat(step.isAllowSchemaChange()).isFalse();
    }

    /** Audit case 3: {@code release: ''} is not a rollback to the previous release. */
    @Test
    void aBlankReleaseIsRefused() {
        assertThat(refusal(step(s -> s.setRelease(""))))
                .hasMessage("the rollback request for shop/web is invalid; nothing in the cluster changed:\n" + "  - "
                        + Messages.RollbackToStepExecution_BlankRelease());
    }

    @Test
    void everyArgumentProblemIsListedAtOnce() {
        AbortException refused = refusal(step(s -> {
            s.setRelease("latest");
            s.setReason("line one\nline two");
            s.setTimeout(-5);
        }));
        assertThat(refused.getMessage())
                .startsWith("the rollback request for shop/web is invalid")
                .contains("  - " + Messages.RollbackToStepExecution_Reason(253, 17))
                .contains("  - " + Messages.RollbackToStepExecution_Timeout(-5))
                .contains("  - release 'latest' is not 'previous', v<N>, a git commit or an image digest");
    }

    @Test
    void aBlankAppIsRefusedNamingIt() {
        RollbackToStep blank = new RollbackToStep(" ");
        blank.setEnvironment("production");
        assertThat(blank.getApp()).isEmpty();
        assertThat(refusal(blank)).hasMessageContaining("  - app '' must not be empty");
    }

    @Test
    void anUnknownEnvironmentIsRefusedNamingTheKnownOnes() {
        assertThat(refusal(step(s -> s.setEnvironment("prod"))))
                .hasMessageContaining("prod")
                .hasMessageContaining("'production'");
    }

    @Test
    void aJobOutsideTheEnvironmentsPatternsIsRefused() {
        services.facts(new io.jenkins.plugins.kubernetesdelivery.steps.RunFacts(
                "shop/web/feature-x", "job/shop/job/web/job/feature-x/3/", "alice", null));
        assertThat(refusal(step(s -> {})))
                .hasMessageContaining("shop/web/feature-x")
                .hasMessageContaining("shop/web/main");
    }

    @Test
    void aClusterIsUsedDirectlyOnlyWhereAllowed() {
        assertThat(refusal(step(s -> {
                    s.setEnvironment(null);
                    s.setCluster("prod");
                    s.setNamespace("shop");
                })))
                .hasMessageContaining("prod")
                .hasMessageContaining("'production'");
        assertThat(refusal(step(s -> s.setNamespace("other")))).hasMessageContaining("other");
    }

    @Test
    void aValidStepGetsPastTheChecksToTheCluster() throws Exception {
        services.clients(t -> {
            throw new IllegalStateException("cluster " + t.cluster().getName() + " namespace " + t.namespace());
        });
        FakeStepContext context = new FakeStepContext().withLog().with(StepServices.class, services);
        assertThat(step(s -> s.setRelease("v7")).start(context).start()).isFalse();
        assertThat(context.awaitFailure(Duration.ofSeconds(30))).hasMessage("cluster prod namespace shop");
        assertThat(services.clientsOpened()).isEqualTo(1);
        assertThat(services.action().getRecords()).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).hasToString("FAILED");
            assertThat(r.getNote()).isEqualTo("cluster prod namespace shop");
            assertThat(r.getWho()).isEqualTo("alice");
        });
    }
}
