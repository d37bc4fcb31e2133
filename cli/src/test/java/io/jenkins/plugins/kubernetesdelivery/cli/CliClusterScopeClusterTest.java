package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Cluster-scoped objects in the manifests: refused naming the flag, applied with {@code --allow-cluster-scoped}. */
@Tag("cluster")
class CliClusterScopeClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path tmp;

    Cli cli;
    Path manifests;

    String clusterRole() {
        return ns.name() + "-reader";
    }

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(tmp.resolve("home"));
        manifests = Manifests.write(tmp.resolve("k8s"));
        Files.writeString(manifests.resolve("role.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: %s
                rules: []
                """.formatted(clusterRole()));
    }

    /** Only what this test may have created; never the cluster's own objects. */
    @AfterEach
    void deleteClusterRole() {
        ns.client().rbac().clusterRoles().withName(clusterRole()).delete();
    }

    Cli.Result deploy(String... more) {
        String[] base = {"deploy", "web", "-n", ns.name(), "-f", manifests.toString(), "--image", Manifests.image(1)};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return cli.run(args);
    }

    @Test
    void refusedNamingTheFlagThenAppliedWithIt() {
        String line = deploy().failedWithOneLine();
        assertThat(line)
                .startsWith("error: the manifests hold cluster-scoped objects (ClusterRole " + clusterRole() + ")")
                .contains("nothing was changed")
                .endsWith("or deploy with --allow-cluster-scoped if this app may change them.")
                .doesNotContain("administrator");
        assertThat(ns.client().rbac().clusterRoles().withName(clusterRole()).get()).isNull();
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();

        Cli.Result r = deploy("--allow-cluster-scoped").succeeded();
        assertThat(r.err()).contains("cluster-scoped objects of " + ns.name() + "/web (allowed for this target):"
                + " ClusterRole " + clusterRole());
        assertThat(ns.client().rbac().clusterRoles().withName(clusterRole()).get()).as("applied cluster-wide")
                .isNotNull();
    }

    @Test
    void otherFailuresAreLeftAsTheEngineSaysThem() {
        var e = new io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException("something else failed");
        assertThat(DeployCommand.withFlag(e)).isSameAs(e);
    }
}
