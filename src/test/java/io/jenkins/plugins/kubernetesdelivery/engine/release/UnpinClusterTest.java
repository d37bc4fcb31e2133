package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ReleaseEngine#unpin}: lifting a rollback's pin without a deploy. */
@Tag("cluster")
class UnpinClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void unpinLiftsThePinRecordsWhoAndWhyAndLetsTheNextDeployGoAhead() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        f.engine().rollback(new RollbackRequest("web", ns.name(), "previous", "bob", "errors after v2"));

        ReleaseHistory.Pin lifted = f.engine().unpin("web", ns.name(), "carol", "fixed in v3");

        assertThat(lifted.release()).isEqualTo("v1");
        assertThat(lifted.by()).isEqualTo("bob");
        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.pin()).isNull();
        assertThat(h.live()).isEqualTo("v1");
        assertThat(h.previous()).isEqualTo("v2");
        assertThat(h.entries().get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo(ReleaseHistory.Action.UNPIN);
            assertThat(e.release()).isEqualTo("v1");
            assertThat(e.by()).isEqualTo("carol");
            assertThat(e.reason()).isEqualTo("fixed in v3");
            assertThat(e.succeeded()).isTrue();
            assertThat(e.live()).isEqualTo("v1");
        });
        assertThat(h.entries().get(1).action()).isEqualTo(ReleaseHistory.Action.ROLLBACK);
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get()
                        .getData())
                .containsEntry("pinned", "");
        assertThat(f.lines).contains(ns.name() + "/web is no longer pinned to v1; the next deploy may go ahead");

        assertThat(f.engine().deploy(f.request(3).build()).release()).isEqualTo("v3");
    }

    @Test
    void unpinningAnAppThatIsNotPinnedWritesNothing() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        String before = ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .withName("web-releases")
                .get()
                .getMetadata()
                .getResourceVersion();

        assertThat(f.engine().unpin("web", ns.name(), "carol", null)).isNull();

        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get()
                        .getMetadata()
                        .getResourceVersion())
                .isEqualTo(before);
        assertThat(f.lines).contains(ns.name() + "/web is not pinned; nothing to do");
    }

    @Test
    void anInvalidAppNameIsRefusedBeforeAnyRequest() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        assertThatThrownBy(() -> f.engine().unpin("Web_1", ns.name(), "carol", null))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason())
                            .isEqualTo("the unpin request for " + ns.name() + "/Web_1 is invalid;"
                                    + " nothing in the cluster changed");
                    assertThat(e.problems()).isNotEmpty();
                });
    }

    @Test
    void anUnpinKeepsAnOperationInFlight() {
        ReleaseHistory.Operation op =
                new ReleaseHistory.Operation("op-1", "deploy", "v3", "v2", "applied", "alice", "2026-11-30T10:00:00Z");
        ReleaseHistory h = new ReleaseHistory(
                1, 3, "v1", "v2", new ReleaseHistory.Pin("v1", "bob", "why", "t"), op, java.util.List.of());
        ReleaseHistory after =
                h.withoutPin(ReleaseHistory.Entry.unpin("op-2", h.pin(), "carol", null, "t2", "v1", "v2"));
        assertThat(after.pin()).isNull();
        assertThat(after.current()).isEqualTo(op);
        assertThat(after.lastRelease()).isEqualTo(3);
        assertThat(after.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.operation()).isEqualTo("op-2"));
    }
}
