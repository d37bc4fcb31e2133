package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kubernetesdelivery.engine.image.CliBakeStandIns;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bake} against testenv: the builder pod is real (API server), kwok Stages play its kubelet and stand-in
 * channels replace attach and logs, which simulated nodes cannot serve (the network rule).
 */
@Tag("cluster")
class CliBakeClusterTest {

    static final String DIGEST = "sha256:" + "c0ffee".repeat(10) + "abcd";

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path tmp;

    Cli cli;
    CliBakeStandIns standIns;
    Path context;
    String label;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(tmp.resolve("home"));
        standIns = new CliBakeStandIns(ns.client());
        cli.channels = client -> standIns.channels();
        Map.Entry<String, String> l = standIns.podLabel();
        label = l.getKey() + "=" + l.getValue();
        context = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        Files.writeString(context.resolve("hello.txt"), "hello\n");
    }

    @AfterEach
    void tearDown() {
        standIns.close();
    }

    @Test
    void bakePrintsTheDigestPinnedReferenceAndCleansUp() throws Exception {
        standIns.succeedWith(DIGEST);
        Cli.Result r = cli.run("bake", "registry.example.com/shop/web", context.toString(), "-n", ns.name(),
                "--builder", "kaniko", "-t", "1.0", "--label", label, "-q").succeeded();
        assertThat(r.out()).isEqualTo("registry.example.com/shop/web@" + DIGEST + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(standIns.uploadedBytes()).isPositive();
        ns.client().pods().inNamespace(ns.name()).informOnCondition(List::isEmpty).get(60, TimeUnit.SECONDS);
    }

    @Test
    void jsonOutputAndProgressOnStderr() {
        standIns.succeedWith(DIGEST);
        Cli.Result r = cli.run("bake", "registry.example.com/shop/web", context.toString(), "-n", ns.name(),
                "--builder", "kaniko", "--label", label, "-o", "json").succeeded();
        JsonNode json = r.json();
        assertThat(json.get("digest").asText()).isEqualTo(DIGEST);
        assertThat(json.get("reference").asText()).isEqualTo("registry.example.com/shop/web@" + DIGEST);
        assertThat(json.get("tags")).extracting(JsonNode::asText).containsExactly("latest");
        assertThat(r.err()).contains("creating builder pod " + ns.name() + "/bake-", "pushed registry.example.com");
    }

    @Test
    void aMissingRegistrySecretFailsInOneLineWithoutAPod() {
        String line = cli.run("bake", "registry.example.com/shop/web", context.toString(), "-n", ns.name(),
                "--registry-secret", "push-creds", "--label", label, "-q").failedWithOneLine();
        assertThat(line).contains("the registry Secret " + ns.name() + "/push-creds does not exist");
        assertThat(ns.client().pods().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void badInputCreatesNothing() {
        String line = cli.run("bake", "Registry/UPPER", tmp.resolve("missing").toString(), "-n", ns.name())
                .failedWithOneLine();
        assertThat(line).startsWith("error: the bake request for Registry/UPPER is invalid");
        line = cli.run("bake", "registry.example.com/shop/web", context.toString(), "-n", ns.name(), "-f",
                "Nope.dockerfile", "-t", "bad tag").failedWithOneLine();
        assertThat(line).contains("is invalid; nothing in the cluster changed").contains("bad tag", "Nope.dockerfile");
        assertThat(ns.client().pods().inNamespace(ns.name()).list().getItems()).isEmpty();
    }
}
