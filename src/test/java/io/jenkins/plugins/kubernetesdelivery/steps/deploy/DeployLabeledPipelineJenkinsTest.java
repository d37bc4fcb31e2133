package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static io.jenkins.plugins.kubernetesdelivery.steps.deploy.DeployFixtures.MANIFEST_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Real Pipelines calling deployLabeled against testenv: two deploys, a controller restart in the middle of a rollout,
 * and the build directory checked for a manifest's Secret. Root build with {@code -Pcluster} only.
 */
@Tag("cluster")
class DeployLabeledPipelineJenkinsTest {

    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @RegisterExtension
    JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** Cluster "testenv" (token credentials, the cluster's CA) and environment "staging" = this test's namespace. */
    private void configure() throws IOException {
        KubernetesCluster testenv = testenvCluster();
        DeliveryConfiguration.get().setClusters(List.of(testenv));
        Environment staging = new Environment("staging", "testenv");
        staging.setNamespace(ns.name());
        DeliveryConfiguration.get().setEnvironments(List.of(staging));
    }

    /** Cluster "testenv": testenv's server and CA, its admin token as global credentials "testenv-token". */
    static KubernetesCluster testenvCluster() throws IOException {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "testenv-token",
                        "testenv admin",
                        Secret.fromString(Testenv.file("admin-token"))));
        SystemCredentialsProvider.getInstance().save();
        KubernetesCluster testenv = new KubernetesCluster("testenv");
        testenv.setServerUrl(Testenv.file("server-url"));
        testenv.setCaCertificate(Testenv.file("ca.crt"));
        testenv.setCredentialsId("testenv-token");
        return testenv;
    }

    /** A job "web" whose workspace holds k8s/web.yaml (pods labeled {@code podLabels}) and k8s/secret.yaml. */
    static WorkflowJob job(JenkinsRule r, String script, Map<String, String> podLabels) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "web");
        Path k8s = Path.of(r.jenkins.getWorkspaceFor(p).getRemote(), "k8s");
        Files.createDirectories(k8s);
        Files.writeString(k8s.resolve("web.yaml"), DeployTestenv.manifests("web", 2, podLabels));
        Files.writeString(k8s.resolve("secret.yaml"), DeployTestenv.secret());
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private static String deploy(int build) {
        return "deployLabeled(environment: 'staging', app: 'web', image: '" + DeployTestenv.image(build)
                + "', manifests: 'k8s/', schemaVersion: '1')";
    }

    private ReleaseHistory history() {
        return new ReleaseEngine(ns.client(), line -> {}, Clock.systemUTC()).history("web", ns.name());
    }

    /** No file of the build (build.xml, log, program.dat, flow nodes) holds the text. */
    private static void assertNowhereIn(WorkflowRun b, String text) throws IOException {
        try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .as(f.toString())
                        .doesNotContain(text);
            }
        }
    }

    @Test
    void deploysTwiceAndTheBuildKeepsNoManifestSecret() throws Throwable {
        sessions.then(r -> {
            configure();
            WorkflowJob p = job(
                    r,
                    "node {\n"
                            + "  def first = " + deploy(1) + "\n"
                            + "  echo \"first: ${first.release} after ${first.previous} in ${first.namespace}\"\n"
                            + "  def second = " + deploy(2) + "\n"
                            + "  echo \"second: ${second.release} after ${second.previous}, services ${second.services}\"\n"
                            + "}\n",
                    Map.of());
            WorkflowRun b = r.buildAndAssertSuccess(p);
            r.assertLogContains("first: v1 after null in " + ns.name(), b);
            r.assertLogContains("second: v2 after v1, services [web]", b);
            r.assertLogContains("deployLabeled: " + ns.name() + "/web v2 is live (was v1)", b);
            r.assertLogNotContains(MANIFEST_SECRET, b);
            assertNowhereIn(b, MANIFEST_SECRET);
            assertThat(history().live()).isEqualTo("v2");
            assertThat(history().previous()).isEqualTo("v1");
        });
    }

    @Test
    void aRestartMidRolloutResumesTheDeployExactlyOnce() throws Throwable {
        try (KwokStages stages = DeployTestenv.readyAfter(ns.client(), "restart", Duration.ofSeconds(20))) {
            sessions.then(r -> {
                configure();
                WorkflowJob p = job(r, "node {\n  " + deploy(1) + "\n}\n", Map.of());
                r.buildAndAssertSuccess(p);
                Files.writeString(
                        Path.of(r.jenkins.getWorkspaceFor(p).getRemote(), "k8s", "web.yaml"),
                        DeployTestenv.manifests("web", 2, stages.podLabels()));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                r.waitForMessage(ns.name() + "/web-v2 0/2 ready", b);
            });
            sessions.then(r -> {
                WorkflowRun b =
                        r.jenkins.getItemByFullName("web", WorkflowJob.class).getBuildByNumber(2);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));
                r.assertLogContains(ns.name() + "/web v2 is live (was v1)", b);
                assertNowhereIn(b, MANIFEST_SECRET);
            });
        }
        ReleaseHistory h = history();
        assertThat(h.live()).isEqualTo("v2");
        assertThat(h.lastRelease()).as("no release allocated twice").isEqualTo(2);
        assertThat(h.entries())
                .extracting(ReleaseHistory.Entry::release, ReleaseHistory.Entry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("v2", "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("v1", "succeeded"));
    }
}
