package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseInfo;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseState;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release commands end to end against testenv, through the picocli entry point: deploy, status, rollback,
 * history, unpin, each with {@code -o json} parsed back, and what the engine (the steps' view) reads afterwards.
 */
@Tag("cluster")
class CliReleaseClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @TempDir
    Path tmp;

    Cli cli;
    Path manifests;
    ReleaseEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(tmp.resolve("home"));
        manifests = Manifests.write(tmp.resolve("k8s"));
        engine = new ReleaseEngine(ns.client(), ProgressListener.NONE, Clock.systemUTC());
    }

    Cli.Result deploy(int build, String... more) {
        String[] base = {"deploy", "web", "-n", ns.name(), "-f", manifests.toString(), "--image", Manifests.image(build),
            "--commit", String.format("%040x", 0xc0ffee00L + build), "--schema-version", "1", "-o", "json"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return cli.run(args);
    }

    @Test
    void deployStatusRollbackAndHistoryAgreeWithWhatTheEngineReads() throws Exception {
        JsonNode first = deploy(1).succeeded().json();
        assertThat(first.get("release").asText()).isEqualTo("v1");
        assertThat(first.get("previous").isNull()).isTrue();
        JsonNode second = deploy(2).succeeded().json();
        assertThat(second.get("release").asText()).isEqualTo("v2");
        assertThat(second.get("previous").asText()).isEqualTo("v1");
        assertThat(second.get("services")).extracting(JsonNode::asText).containsExactly("web");

        JsonNode status = cli.run("status", "web", "-n", ns.name(), "-o", "json").succeeded().json();
        assertThat(status.get("live").asText()).isEqualTo("v2");
        assertThat(status.get("releases")).hasSize(2);
        assertThat(status.get("releases").get(0).get("state").asText()).isEqualTo("live");
        assertThat(status.get("releases").get(1).get("state").asText()).isEqualTo("warm");
        assertThat(status.get("releases").get(0).get("images").get(0).asText()).isEqualTo(Manifests.image(2));
        assertThat(status.get("releases").get(0).get("deployedBy").asText()).endsWith(" (kubectl delivery)");

        Cli.Result table = cli.run("status", "web", "-n", ns.name()).succeeded();
        assertThat(table.out().lines().findFirst()).get().asString()
                .startsWith("RELEASE").contains("STATE", "PINNED", "READY", "IMAGES", "COMMIT", "DEPLOYED BY", "AGE");
        assertThat(table.out()).contains("v2        live").contains("2/2");

        // --as impersonates (testenv's admin may), and the history records that user as the actor
        JsonNode back = cli.run("rollback", "web", "-n", ns.name(), "--reason", "errors after v2", "--as", "alice",
                "--as-group", "system:masters", "-o", "json").succeeded().json();
        assertThat(back.get("release").asText()).isEqualTo("v1");
        assertThat(back.get("from").asText()).isEqualTo("v2");
        assertThat(back.get("cold").asBoolean()).isFalse();
        assertThat(back.get("pinnedTo").asText()).isEqualTo("v1");
        assertThat(back.get("durationMs").asLong()).isNotNegative();

        // what rollbackTo and deployLabeled read: the same history and releases
        ReleaseHistory h = engine.history("web", ns.name());
        assertThat(h.live()).isEqualTo("v1");
        assertThat(h.pin().release()).isEqualTo("v1");
        assertThat(h.pin().by()).isEqualTo("alice (kubectl delivery)");
        assertThat(h.entries().get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("rollback");
            assertThat(e.by()).isEqualTo("alice (kubectl delivery)");
            assertThat(e.reason()).isEqualTo("errors after v2");
        });
        assertThat(engine.releases("web", ns.name())).filteredOn(ReleaseInfo::pinned)
                .extracting(ReleaseInfo::release, ReleaseInfo::state).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("v1", ReleaseState.LIVE));

        ReleaseHistory printed = new ObjectMapper().readValue(
                cli.run("history", "web", "-n", ns.name(), "-o", "json").succeeded().out(), ReleaseHistory.class);
        assertThat(printed).isEqualTo(h);
        assertThat(cli.run("history", "web", "-n", ns.name()).succeeded().out())
                .contains("rollback", "errors after v2", "alice (kubectl delivery)");
        assertThat(cli.run("status", "web", "-n", ns.name()).succeeded().out())
                .contains("is pinned to v1 by alice (kubectl delivery) (errors after v2)");
    }

    @Test
    void aPinnedAppRefusesADeployUntilUnpinned() throws Exception {
        deploy(1).succeeded();
        deploy(2).succeeded();
        cli.run("rollback", "web", "-n", ns.name(), "--reason", "errors after v2").succeeded();
        String rvBefore = historyVersion();

        String line = deploy(3).failedWithOneLine();
        assertThat(line).isEqualTo("error: " + ns.name() + "/web is pinned to v1 after a rollback by testenv-admin"
                + " (kubectl delivery) (errors after v2); nothing was changed. Once the problem is fixed, lift the pin"
                + " with 'kubectl delivery unpin web' or deploy with --unpin.");
        assertThat(historyVersion()).as("nothing written").isEqualTo(rvBefore);
        assertThat(engine.releases("web", ns.name())).extracting(ReleaseInfo::release).containsExactly("v2", "v1");

        JsonNode unpinned = cli.run("unpin", "web", "-n", ns.name(), "--reason", "fixed in v3", "-o", "json")
                .succeeded().json();
        assertThat(unpinned.get("unpinned").asBoolean()).isTrue();
        assertThat(unpinned.get("pin").get("release").asText()).isEqualTo("v1");
        assertThat(engine.history("web", ns.name()).pin()).isNull();
        assertThat(engine.history("web", ns.name()).entries().get(0).action()).isEqualTo("unpin");

        assertThat(cli.run("unpin", "web", "-n", ns.name()).succeeded().out())
                .isEqualTo(ns.name() + "/web was not pinned; nothing changed\n");
        assertThat(deploy(3).succeeded().json().get("release").asText()).isEqualTo("v3");
    }

    @Test
    void deployWithUnpinLiftsThePinItself() {
        deploy(1).succeeded();
        deploy(2).succeeded();
        cli.run("rollback", "web", "-n", ns.name(), "--to", "v1", "--reason", "bad").succeeded();
        assertThat(deploy(3, "--unpin").succeeded().json().get("release").asText()).isEqualTo("v3");
        ReleaseHistory h = engine.history("web", ns.name());
        assertThat(h.pin()).isNull();
        assertThat(h.entries().get(0).reason()).isEqualTo("unpinned");
    }

    @Test
    void theGeneratedAppNeedsNoManifestsAndYamlOutputIsYaml() {
        Cli.Result r = cli.run("deploy", "shop", "-n", ns.name(), "--image", "registry.example.com/shop/shop@sha256:"
                + "a".repeat(64), "--port", "9090", "--replicas", "1", "-o", "yaml").succeeded();
        assertThat(r.out()).startsWith("---\n").contains("release: \"v1\"", "app: \"shop\"");
        assertThat(ns.client().services().inNamespace(ns.name()).withName("shop").get().getSpec().getPorts().get(0)
                .getPort()).isEqualTo(9090);
        assertThat(r.err()).contains("deploying " + ns.name() + "/shop v1");
        assertThat(cli.run("deploy", "shop", "-n", ns.name(), "--image", "registry.example.com/shop/shop@sha256:"
                + "b".repeat(64), "-q").succeeded().err()).as("--quiet").isEmpty();
    }

    String historyVersion() {
        return ns.client().configMaps().inNamespace(ns.name()).withName("web-releases").get().getMetadata()
                .getResourceVersion();
    }
}
