package io.jenkins.plugins.kubernetesdelivery.steps.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ClusterFixture;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRunAction;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * {@code rollbackTo} in real Pipelines against testenv: a rollback, a controller restart in the middle of a cold
 * rollback, the Snippet Generator form, and no cluster token in the build directory. Root build only, with
 * {@code -Pcluster} (testenv running).
 */
@Tag("cluster")
class RollbackToStepJenkinsTest {

    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @RegisterExtension
    JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** Holds the step's thread when it prints a marked line, so that the first controller never goes on. */
    @TestExtension("aRestartInTheMiddleOfAColdRollbackResumesItOnce")
    public static final class Freeze implements TaskListenerDecorator.Factory {
        static final String MARK = "is cold; scaling it up";
        static volatile boolean armed;
        static final CountDownLatch FROZEN = new CountDownLatch(1);
        static final CountDownLatch THAW = new CountDownLatch(1);

        @Override
        public TaskListenerDecorator of(FlowExecutionOwner owner) {
            return armed ? new Holder() : null;
        }

        static final class Holder extends TaskListenerDecorator {
            private static final long serialVersionUID = 1L;

            @Override
            public OutputStream decorate(OutputStream logger) {
                return new OutputStream() {
                    private final StringBuilder seen = new StringBuilder();

                    @Override
                    public void write(int b) throws IOException {
                        seen.append((char) b);
                        if (armed && seen.indexOf(MARK) >= 0) {
                            FROZEN.countDown();
                            try {
                                THAW.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        logger.write(b);
                    }

                    @Override
                    public void flush() throws IOException {
                        logger.flush();
                    }
                };
            }
        }
    }

    /** The frozen thread of the first controller goes on once its namespace is gone: it changes nothing more. */
    @AfterAll
    static void thaw() {
        Freeze.THAW.countDown();
    }

    private String token() {
        return Testenv.file("admin-token");
    }

    /** testenv as cluster "testenv" (token credential), environment "production" = the test's namespace, job "web". */
    private void configure() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "testenv-token", "testenv admin token", Secret.fromString(token())));
        SystemCredentialsProvider.getInstance().save();
        KubernetesCluster testenv = new KubernetesCluster("testenv");
        testenv.setServerUrl(Testenv.file("server-url"));
        testenv.setCaCertificate(Testenv.file("ca.crt"));
        testenv.setCredentialsId("testenv-token");
        Environment production = new Environment("production", "testenv");
        production.setNamespace(ns.name());
        production.setJobs("web");
        DeliveryConfiguration.get().setClusters(List.of(testenv));
        DeliveryConfiguration.get().setEnvironments(List.of(production));
    }

    private WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "web");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** No file of the build (program.dat included while it runs) holds the cluster token. */
    private void assertNoTokenIn(WorkflowRun b) throws IOException {
        byte[] token = token().getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(new String(token, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private ReleaseHistory history() {
        return new ClusterFixture(ns.client(), ns.name()).engine().history("web", ns.name());
    }

    @Test
    void aPipelineRollsBackAndReturnsTheMap() throws Throwable {
        sessions.then(r -> {
            configure();
            ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
            f.engine().deploy(f.request(1).build());
            f.engine().deploy(f.request(2).build());
            WorkflowJob p = job(r, """
                    def r = rollbackTo(environment: 'production', app: 'web', reason: 'errors after v2')
                    echo "now ${r.release}, was ${r.from}, cold ${r.cold}, services ${r.services}"
                    """);

            WorkflowRun b = r.buildAndAssertSuccess(p);

            String where = ns.name() + "/web";
            r.assertLogContains("rollbackTo: Service " + where + " switched from v2 to v1", b);
            r.assertLogContains("rollbackTo: " + where + " is back on v1 (was v2, warm)", b);
            r.assertLogContains("now v1, was v2, cold false, services [web]", b);
            assertThat(f.selectedRelease("web")).isEqualTo("v1");
            assertThat(history().entries().get(0).reason()).isEqualTo("errors after v2");
            DeliveryRunAction action = b.getAction(DeliveryRunAction.class);
            assertThat(action.getRecords()).singleElement().satisfies(rec -> {
                assertThat(rec.getKind()).isEqualTo(DeliveryRecord.Kind.ROLLBACK);
                assertThat(rec.getRelease()).isEqualTo("v1");
                assertThat(rec.getPrevious()).isEqualTo("v2");
            });
            try (JenkinsRule.WebClient wc = r.createWebClient()) {
                assertThat(wc.getPage(b, "").asNormalizedText())
                        .as("the build page's summary")
                        .contains("Rolled back " + where + " in production to v1 (was v2)");
            }
            assertNoTokenIn(b);
        });
    }

    @Test
    void aRestartInTheMiddleOfAColdRollbackResumesItOnce() throws Throwable {
        KwokStages stages = new KwokStages(ns.client(), "restart");
        try {
            sessions.then(r -> {
                configure();
                ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
                for (int build = 1; build <= 3; build++) {
                    f.engine().deploy(f.request(build).build());
                }
                // v1 is cold, and its pods wait for a Stage that the second controller creates
                ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .withName("web-v1")
                        .patch(
                                new PatchContext.Builder()
                                        .withPatchType(PatchType.JSON_MERGE)
                                        .build(),
                                "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"" + KwokStages.LABEL + "\":\""
                                        + stages.value() + "\"}}}}}");
                Freeze.armed = true;
                WorkflowJob p = job(
                        r,
                        "rollbackTo(environment: 'production', app: 'web', release: 'v1',"
                                + " reason: 'v3 is broken', timeout: 5)");
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                assertThat(Freeze.FROZEN.await(2, TimeUnit.MINUTES))
                        .as("the rollback reached the cold start")
                        .isTrue();
                Freeze.armed = false;
                assertThat(history().current().phase()).isEqualTo(ReleaseHistory.Phase.SCALING);
                assertNoTokenIn(b);
            });
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("web", WorkflowJob.class).getBuildByNumber(1);
                stages.stage("ready")
                        .when(".status.phase", "In", "Pending")
                        .after(Duration.ofSeconds(2))
                        .create(READY);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                String where = ns.name() + "/web";
                r.assertLogContains("rollbackTo: resuming the rollback of " + where + " to v1", b);
                r.assertLogContains("rollbackTo: " + where + " is back on v1 (was v3, cold: scaled up first)", b);
                ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
                assertThat(f.selectedRelease("web")).isEqualTo("v1");
                assertThat(history().entries())
                        .filteredOn(e -> e.action().equals("rollback"))
                        .singleElement()
                        .satisfies(e -> assertThat(e.outcome()).isEqualTo("succeeded"));
                assertNoTokenIn(b);
            });
        } finally {
            stages.close();
        }
    }

    @Test
    void theFormKeepsEveryField() throws Throwable {
        sessions.then(r -> {
            configure();
            RollbackToStep before = new RollbackToStep("web");
            before.setEnvironment("production");
            before.setRelease("v7");
            before.setReason("errors after v8");
            before.setAllowSchemaChange(true);
            before.setTimeout(15);
            r.assertEqualDataBoundBeans(before, new StepConfigTester(r).configRoundTrip(before));

            RollbackToStep direct = new RollbackToStep("web");
            direct.setCluster("testenv");
            direct.setNamespace("team-a");
            r.assertEqualDataBoundBeans(direct, new StepConfigTester(r).configRoundTrip(direct));
        });
    }

    /** kwok's pod-ready status, for the pods of a test's Stage. */
    private static final String READY = """
            conditions:
            - type: Initialized
              status: "True"
              lastTransitionTime: {{ Now | Quote }}
            - type: Ready
              status: "True"
              lastTransitionTime: {{ Now | Quote }}
            - type: ContainersReady
              status: "True"
              lastTransitionTime: {{ Now | Quote }}
            """ + KwokStages.statuses("containers", true, 0, """
            state:
              running:
                startedAt: {{ Now | Quote }}
            """) + """
            {{ with PodIPsWith .spec.nodeName false ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
            podIP: {{ index . 0 | Quote }}
            {{ end }}
            phase: Running
            startTime: {{ Now | Quote }}
            """;
}
