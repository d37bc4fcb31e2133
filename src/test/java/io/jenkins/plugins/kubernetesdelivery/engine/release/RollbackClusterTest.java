package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rollbacks against testenv: warm (timed), cold (timed), targets, the schema guard and the pin. */
@Tag("cluster")
class RollbackClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void warmRollbackToPreviousIsOneSelectorSwitchAndPinsTheApp() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v2"));

        long start = System.nanoTime();
        RollbackResult r =
                f.engine().rollback(new RollbackRequest("web", ns.name(), "previous", "bob", "errors after v2"));
        long switched = System.nanoTime();
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v1"));
        long endpoints = System.nanoTime();
        System.out.printf(
                "MEASURED warm rollback: call returned after %d ms; EndpointSlice of %s/web lists only"
                        + " web-v1 pods %d ms after the call%n",
                (switched - start) / 1_000_000, ns.name(), (endpoints - start) / 1_000_000);

        assertThat(r.release()).isEqualTo("v1");
        assertThat(r.from()).isEqualTo("v2");
        assertThat(r.cold()).isFalse();
        assertThat(r.services()).containsExactly("web");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        assertThat(f.specReplicas("web-v2"))
                .as("the release rolled back from stays warm")
                .isEqualTo(2);
        f.assertHistory("v1", "v2");
        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.pin().release()).isEqualTo("v1");
        assertThat(h.entries().get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("rollback");
            assertThat(e.by()).isEqualTo("bob");
            assertThat(e.reason()).isEqualTo("errors after v2");
            assertThat(e.pinnedTo()).isEqualTo("v1");
        });
        assertThat(f.engine().releases("web", ns.name()))
                .filteredOn(ReleaseInfo::pinned)
                .extracting(ReleaseInfo::release)
                .containsExactly("v1");

        assertThatThrownBy(() -> f.engine().deploy(f.request(3).build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("is pinned to v1 after a rollback by bob (errors after v2)")
                .hasMessageContaining("unpin");
        assertThat(f.engine().releases("web", ns.name()))
                .extracting(ReleaseInfo::release)
                .as("a refused deploy allocates nothing")
                .containsExactly("v2", "v1");

        DeployResult v3 = f.engine().deploy(f.request(3).unpin(true).build());
        assertThat(v3.release()).isEqualTo("v3");
        assertThat(v3.previous()).isEqualTo("v1");
        assertThat(f.engine().history("web", ns.name()).pin()).isNull();
    }

    @Test
    void coldRollbackScalesUpWaitsThenSwitches() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        for (int i = 1; i <= 3; i++) {
            f.engine().deploy(f.request(i).build());
        }
        assertThat(f.specReplicas("web-v1")).isZero();
        long start = System.nanoTime();
        RollbackResult r = f.engine().rollback(new RollbackRequest("web", ns.name(), "v1", "bob", "v2 and v3 bad"));
        f.awaitEndpoints("web", ClusterFixture.allOf("web-v1"));
        System.out.printf(
                "MEASURED cold rollback: %d ms from the call to the EndpointSlice of %s/web listing only"
                        + " web-v1 pods (scale 0 -> 2, wait ready, switch)%n",
                (System.nanoTime() - start) / 1_000_000, ns.name());
        assertThat(r.cold()).isTrue();
        assertThat(f.specReplicas("web-v1")).isEqualTo(2);
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        assertThat(f.lines).anyMatch(l -> l.contains("v1 is cold; scaling it up"));
        f.assertHistory("v1", "v3");
        assertThat(f.specReplicas("web-v2"))
                .as("neither live nor previous: scaled to 0")
                .isZero();
    }

    @Test
    void targetsByCommitAndDigestUnknownTargetsAndLiveTarget() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        String historyVersion = ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .withName("web-releases")
                .get()
                .getMetadata()
                .getResourceVersion();

        assertThatThrownBy(() -> f.engine().rollback(new RollbackRequest("web", ns.name(), "v9", "bob", null)))
                .hasMessageContaining("has no release v9; nothing was changed. Releases: v2 (live, schema 1),"
                        + " v1 (warm, schema 1)");
        RollbackResult same = f.engine().rollback(new RollbackRequest("web", ns.name(), "v2", "bob", null));
        assertThat(same.unchanged()).isTrue();
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get()
                        .getMetadata()
                        .getResourceVersion())
                .as("no write for a target that is live")
                .isEqualTo(historyVersion);

        RollbackResult byCommit = f.engine()
                .rollback(new RollbackRequest("web", ns.name(), String.format("%040x", 0xc0ffee00L + 1), "bob", null));
        assertThat(byCommit.release()).isEqualTo("v1");
        RollbackResult byDigest = f.engine()
                .rollback(new RollbackRequest(
                        "web", ns.name(), "sha256:" + String.format("%064x", 2), "bob", "forward again"));
        assertThat(byDigest.release()).isEqualTo("v2");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
    }

    @Test
    void schemaGuardRefusesUnlessAllowedAndRecordsIt() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).schemaVersion("1").build());
        f.engine().deploy(f.request(2).schemaVersion("2").build());
        f.engine().deploy(f.request(3).schemaVersion("2").build());
        assertThatThrownBy(() -> f.engine().rollback(new RollbackRequest("web", ns.name(), "v1", "bob", null)))
                .hasMessageContaining("v1 needs schema 1 but live v3 has schema 2; nothing was changed."
                        + " Safe targets: v2 (warm, schema 2)");
        assertThat(f.selectedRelease("web")).isEqualTo("v3");

        RollbackResult r = f.engine()
                .rollback(new RollbackRequest(
                        "web", ns.name(), "v1", "bob", "data migrated back", true, Duration.ofSeconds(60), null));
        assertThat(r.release()).isEqualTo("v1");
        assertThat(f.engine().history("web", ns.name()).entries().get(0).reason())
                .isEqualTo("data migrated back; schema change allowed");
    }
}
