package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import hudson.util.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeStages;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRunAction;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.DynamicContext;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code node { bakeImage(...) }} in a real Pipeline against testenv. Jenkins' own services are used throughout
 * (configuration, credentials looked up for the build, clients, the run action); only the engine's pod channels
 * and the builder pod's kwok Stage label come from the test ({@link KwokServices}), because kwok nodes cannot serve
 * attach or logs. Root build only, with {@code -Pcluster}.
 */
@WithJenkins
@Tag("cluster")
class BakeImagePipelineJenkinsTest {

    static final String REPO = "registry.example.com/shop/web";
    static final String DIGEST = "sha256:" + "5e0bd1a2c3f4".repeat(5) + "abcd";
    static final String PASSWORD = "pa$$-registry-push-9";
    static final String AUTH = Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    static volatile BakeServices override;

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    JenkinsRule r;
    BakeStages stages;
    StageChannels channels;

    /** Hands the test's {@link BakeServices} to the step, as a context object Pipeline itself does not have. */
    @TestExtension
    public static final class KwokContext extends DynamicContext.Typed<BakeServices> {
        @Override
        protected Class<BakeServices> type() {
            return BakeServices.class;
        }

        @Override
        protected BakeServices get(DelegatedContext context) {
            return override;
        }
    }

    /** Jenkins' bake services, but the engine over the test's channels and the pod with the Stage label. */
    final class KwokServices implements BakeServices {
        @Override
        public io.jenkins.plugins.kubernetesdelivery.BuilderPodSettings builderSettings(String targetNamespace)
                throws hudson.AbortException {
            return JenkinsBakeServices.INSTANCE.builderSettings(targetNamespace);
        }

        @Override
        public int buildNumber(StepContext context) throws IOException, InterruptedException {
            return JenkinsBakeServices.INSTANCE.buildNumber(context);
        }

        @Override
        public RegistryCredentials registryCredentials(String id, StepContext context)
                throws IOException, InterruptedException {
            return JenkinsBakeServices.INSTANCE.registryCredentials(id, context);
        }

        @Override
        public ImageBaker baker(KubernetesClient client) {
            return new ImageBaker(client, channels, BakeSettings.DEFAULTS.withResync(Duration.ofSeconds(2)));
        }

        @Override
        public Map<String, String> podLabels() {
            return stages.podLabels();
        }
    }

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        stages = new BakeStages(ns.client());
        channels = new StageChannels();
        override = new KwokServices();
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.SYSTEM,
                        "testenv-token",
                        "testenv admin",
                        Secret.fromString(Testenv.file("admin-token"))));
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "registry-push", "registry push", "ci", PASSWORD));
        SystemCredentialsProvider.getInstance().save();
        KubernetesCluster cluster = new KubernetesCluster("testenv");
        cluster.setServerUrl(Testenv.file("server-url"));
        cluster.setCaCertificate(Testenv.file("ca.crt"));
        cluster.setCredentialsId("testenv-token");
        Environment build = new Environment("build", "testenv");
        build.setNamespace(ns.name());
        DeliveryConfiguration.get().setClusters(List.of(cluster));
        DeliveryConfiguration.get().setEnvironments(List.of(build));
    }

    @AfterEach
    void tearDown() {
        override = null;
        stages.close();
    }

    WorkflowJob job(String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "web");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    static final String BAKE = """
            node {
              writeFile file: 'Dockerfile', text: 'FROM scratch\\nCOPY hello.txt /\\n'
              writeFile file: 'hello.txt', text: 'hello\\n'
              def img = bakeImage(repository: '%s', environment: 'build', tags: ['1.0', 'latest'],
                                  buildArgs: [VERSION: "1.${env.BUILD_NUMBER}"], registryCredentialsId: 'registry-push')
              echo "reference=${img.reference} digest=${img.digest} tags=${img.tags}"
            }
            """.formatted(REPO);

    @Test
    void aPipelineBakesInTheEnvironmentsClusterAndReturnsTheDigest() throws Exception {
        stages.receiverRuns().buildTerminates(true, 0, "Completed", "{\"containerimage.digest\":\"" + DIGEST + "\"}");
        WorkflowJob p = job(BAKE);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("bakeImage: creating builder pod " + ns.name() + "/bake-", b);
        r.assertLogContains("bakeImage: pushed " + REPO + "@" + DIGEST, b);
        r.assertLogContains("reference=" + REPO + "@" + DIGEST + " digest=" + DIGEST + " tags=[1.0, latest]", b);
        assertThat(channels.uploaded).isNotNull();
        List<DeliveryRecord> records = b.getAction(DeliveryRunAction.class).getRecords();
        assertThat(records).singleElement().satisfies(rec -> {
            assertThat(rec.getKind()).isEqualTo(DeliveryRecord.Kind.BAKE);
            assertThat(rec.getDigest()).isEqualTo(DIGEST);
            assertThat(rec.getEnvironment()).isEqualTo("build");
        });
        StandardCredentials push =
                CredentialsProvider.findCredentialById("registry-push", StandardCredentials.class, b);
        assertThat(CredentialsProvider.getFingerprintOf(push).getRangeSet(p).includes(b.getNumber()))
                .isTrue();
        assertBuildDirectoryHoldsNoSecret(b);
        ns.client()
                .pods()
                .inNamespace(ns.name())
                .withLabel(BakeLabels.BAKE)
                .informOnCondition(List::isEmpty)
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void aFailedBakeShowsTheBuildersLastLinesMaskedAndStoresNoSecret() throws Exception {
        stages.receiverRuns().buildTerminates(true, 1, "Error", "");
        channels.logLines = List.of("login as ci:" + PASSWORD, "auth " + AUTH, "error: push refused");
        WorkflowJob p = job(BAKE);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("exited with code 1 (Error); see the builder log above", b);
        r.assertLogContains("login as ci:****", b);
        r.assertLogNotContains(PASSWORD, b);
        r.assertLogNotContains(AUTH, b);
        assertThat(b.getAction(DeliveryRunAction.class).getRecords())
                .singleElement()
                .satisfies(rec -> assertThat(rec.getOutcome()).isEqualTo(DeliveryRecord.Outcome.FAILED));
        assertBuildDirectoryHoldsNoSecret(b);
    }

    /** Every file the build left (log, build.xml, program state, actions) is free of the password and its auth. */
    static void assertBuildDirectoryHoldsNoSecret(WorkflowRun b) throws IOException {
        try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(PASSWORD).doesNotContain(AUTH);
            }
        }
    }
}
