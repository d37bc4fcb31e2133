package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: exit code 1, one line on stderr, nothing on stdout, and nothing changed in the cluster. */
@Tag("cluster")
class CliBadInputClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path tmp;

    Cli cli;
    Path manifests;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(tmp.resolve("home"));
        manifests = Manifests.write(tmp.resolve("k8s"));
    }

    void assertNamespaceUntouched() {
        assertThat(ns.client().configMaps().inNamespace(ns.name()).list().getItems())
                .allSatisfy(cm -> assertThat(cm.getMetadata().getName()).isEqualTo("kube-root-ca.crt"));
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(ns.client().services().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(ns.client().leases().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void aTaggedImageAndABadServiceNameAreReportedTogetherInOneLine() {
        Cli.Result r = cli.run("deploy", "web", "-n", ns.name(), "-f", manifests.toString(), "--image",
                "registry.example.com/shop/web:1.0", "--service", "Bad_Name");
        assertThat(r.failedWithOneLine()).startsWith("error: the deploy request for " + ns.name() + "/web is invalid;"
                + " nothing in the cluster changed: ").contains("registry.example.com/shop/web:1.0", "Bad_Name");
        assertThat(r.out()).isEmpty();
        assertNamespaceUntouched();
    }

    @Test
    void aManifestThatIsNotYamlIsNamedAndNotQuoted() throws Exception {
        Files.writeString(manifests.resolve("broken.yaml"), "kind: Secret\nstringData: {password: hunter2\n");
        String line = cli.run("deploy", "web", "-n", ns.name(), "-f", manifests.toString(), "--image",
                Manifests.image(1)).failedWithOneLine();
        assertThat(line).contains("broken.yaml").doesNotContain("hunter2");
        assertNamespaceUntouched();
    }

    @Test
    void createNamespaceCreatesNothingWhenTheRequestIsInvalid() {
        String missing = ns.name() + "-new";
        cli.run("deploy", "Web", "-n", missing, "--create-namespace", "--image", Manifests.image(1))
                .failedWithOneLine();
        assertThat(ns.client().namespaces().withName(missing).get()).isNull();
    }

    @Test
    void usageErrorsAreOneLineWithExitCodeOne() {
        assertThat(cli.run("rollback", "web", "-n", ns.name()).failedWithOneLine())
                .isEqualTo("error: Missing required option: '--reason=TEXT' (see 'kubectl delivery rollback --help')");
        assertThat(cli.run("status", "web", "--bogus").failedWithOneLine()).contains("Unknown option: '--bogus'");
        assertThat(cli.run("status", "web", "-o", "wide").failedWithOneLine()).contains("-o", "wide");
        assertThat(cli.run("frobnicate").failedWithOneLine()).contains("frobnicate");
        assertThat(cli.run("deploy", "web", "--timeout", "soon", "--image", Manifests.image(1)).failedWithOneLine())
                .contains("'soon' is not a duration");
        assertNamespaceUntouched();
    }

    @Test
    void anAppWithoutReleasesFailsEveryReadAndRollback() {
        assertThat(cli.run("status", "web", "-n", ns.name()).failedWithOneLine())
                .isEqualTo("error: " + ns.name() + "/web has no releases: nothing was deployed with kubectl delivery"
                        + " or deployLabeled under that app name in namespace " + ns.name());
        cli.run("history", "web", "-n", ns.name()).failedWithOneLine();
        cli.run("rollback", "web", "-n", ns.name(), "--reason", "why").failedWithOneLine();
        assertNamespaceUntouched();
    }

    @Test
    void anUnknownContextOrMissingKubeconfigIsOneLine() {
        assertThat(cli.run("status", "web", "--context", "nowhere").failedWithOneLine())
                .contains("has no context 'nowhere' (it has: testenv)");
        assertThat(cli.run("status", "web", "--kubeconfig", tmp.resolve("none").toString()).failedWithOneLine())
                .contains("does not exist");
        cli.env.remove("KUBECONFIG");
        assertThat(cli.run("status", "web").failedWithOneLine()).contains("no kubeconfig: ")
                .contains("KUBECONFIG is not set");
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(cli.run("--help").succeeded().out()).contains("status", "history", "deploy", "rollback", "unpin",
                "bake");
        assertThat(cli.run("deploy", "--help").succeeded().out()).contains("--image", "-n, --namespace", "--context",
                "--kubeconfig", "-o, --output");
    }
}
