package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process that dies mid-deploy, simulated by an Error thrown from the progress listener on the deploying thread;
 * a new engine resumes from the saved handle and finishes exactly once.
 */
@Tag("cluster")
class ResumeClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** Stands for the controller going away: not a RuntimeException, so no failure handling runs. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated controller restart");
        }
    }

    private ReleaseEngine crashingAt(String fragment) {
        return new ReleaseEngine(
                ns.client(),
                line -> {
                    System.out.println(line);
                    if (line.contains(fragment)) {
                        throw new SimulatedCrash();
                    }
                },
                Clock.systemUTC());
    }

    @Test
    void resumesAfterTheRolloutWithoutApplyingAgain() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        ReleaseRequest v2 = f.request(2).build();
        ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, "web", ns.name());
        assertThatThrownBy(() -> crashingAt("web-preview has ").deploy(handle, v2))
                .isInstanceOf(SimulatedCrash.class);
        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.current().id()).isEqualTo(handle.operationId());
        assertThat(h.current().phase()).isEqualTo(ReleaseHistory.Phase.APPLIED);
        assertThat(f.selectedRelease("web")).isEqualTo("v1");

        List<String> lines = new ArrayList<>();
        DeployResult r;
        try (CountingClient counting = new CountingClient()) {
            r = new ReleaseEngine(counting.client, lines::add, Clock.systemUTC()).resume(handle, v2);
            // an identical second apply would not change the generation: count the requests instead
            assertThat(counting.count("PATCH /apis/apps/v1/namespaces/" + ns.name() + "/deployments/web-v2"))
                    .as("not applied again")
                    .isZero();
            assertThat(counting.count("PATCH /api/v1/namespaces/" + ns.name() + "/services/web-preview"))
                    .as("preview not applied again")
                    .isZero();
            assertThat(counting.count("PATCH /api/v1/namespaces/" + ns.name() + "/services/web"))
                    .as("switched once")
                    .isEqualTo(1);
        }
        assertThat(r.release()).isEqualTo("v2");
        assertThat(r.previous()).isEqualTo("v1");
        assertThat(lines).noneMatch(l -> l.contains("applying")).anyMatch(l -> l.contains("resuming"));
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        f.assertHistory("v2", "v1");

        String version = ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .withName("web-releases")
                .get()
                .getMetadata()
                .getResourceVersion();
        DeployResult again = f.engine().resume(handle, v2);
        assertThat(again.release()).isEqualTo("v2");
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get()
                        .getMetadata()
                        .getResourceVersion())
                .as("a finished operation is not recorded twice")
                .isEqualTo(version);
        assertThat(f.engine().history("web", ns.name()).entries()).hasSize(2);
    }

    @Test
    void resumesAfterTheSwitchLandedWithoutSwitchingAgain() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        ReleaseRequest v2 = f.request(2).build();
        ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, "web", ns.name());
        assertThatThrownBy(() -> crashingAt("switched from v1 to v2").deploy(handle, v2))
                .isInstanceOf(SimulatedCrash.class);
        assertThat(f.engine().history("web", ns.name()).current().phase()).isEqualTo(ReleaseHistory.Phase.SWITCHING);
        String serviceVersion = ns.client()
                .services()
                .inNamespace(ns.name())
                .withName("web")
                .get()
                .getMetadata()
                .getResourceVersion();

        List<String> lines = new ArrayList<>();
        DeployResult r = new ReleaseEngine(ns.client(), lines::add, Clock.systemUTC()).resume(handle, v2);
        assertThat(r.release()).isEqualTo("v2");
        assertThat(lines).contains(ServiceSwitcher.switchLine(ns.name(), "web", "v1", "v2", false));
        assertThat(ns.client()
                        .services()
                        .inNamespace(ns.name())
                        .withName("web")
                        .get()
                        .getMetadata()
                        .getResourceVersion())
                .as("no second switch")
                .isEqualTo(serviceVersion);
        f.assertHistory("v2", "v1");
    }

    @Test
    void anUnknownOperationCannotBeResumed() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        ReleaseHandle stranger = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, "web", ns.name());
        assertThatThrownBy(() -> f.engine().resume(stranger, f.request(2).build()))
                .hasMessageContaining("is neither in flight nor in the history");
    }

    @Test
    void aRollbackResumesAfterItsSwitchLanded() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        RollbackRequest back = new RollbackRequest("web", ns.name(), "previous", "bob", "v2 is slow");
        ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.ROLLBACK, "web", ns.name());
        assertThatThrownBy(() -> crashingAt("switched from v2 to v1").rollback(handle, back))
                .isInstanceOf(SimulatedCrash.class);
        List<String> lines = new ArrayList<>();
        RollbackResult r = new ReleaseEngine(ns.client(), lines::add, Clock.systemUTC()).resume(handle, back);
        assertThat(r.release()).isEqualTo("v1");
        assertThat(lines).contains(ServiceSwitcher.switchLine(ns.name(), "web", "v2", "v1", false));
        f.assertHistory("v1", "v2");
        assertThat(f.engine().history("web", ns.name()).pin().release()).isEqualTo("v1");
    }

    private io.fabric8.kubernetes.api.model.coordination.v1.Lease lease() {
        return ns.client()
                .leases()
                .inNamespace(ns.name())
                .withName(ReleaseLease.name("web"))
                .get();
    }

    /**
     * A warm rollback is recorded in flight on the Lease it takes, not in the history: the history is written once,
     * at the end. A process that stops after the switch leaves the record on the Lease, where resume finds it.
     */
    @Test
    void aWarmRollbackInFlightIsRecordedOnTheLeaseAndResumedFromIt() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        RollbackRequest back = new RollbackRequest("web", ns.name(), "previous", "bob", "v2 is slow");
        ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.ROLLBACK, "web", ns.name());
        assertThatThrownBy(() -> crashingAt("switched from v2 to v1").rollback(handle, back))
                .isInstanceOf(SimulatedCrash.class);
        assertThat(f.engine().history("web", ns.name()).current())
                .as("not in the history")
                .isNull();
        ReleaseHistory.Operation onLease = ReleaseLease.inFlight(lease());
        assertThat(onLease).as("on the Lease").isNotNull();
        assertThat(onLease.id()).isEqualTo(handle.operationId());
        assertThat(onLease.release()).isEqualTo("v1");
        assertThat(onLease.from()).isEqualTo("v2");

        List<String> lines = new ArrayList<>();
        RollbackResult r = new ReleaseEngine(ns.client(), lines::add, Clock.systemUTC()).resume(handle, back);
        assertThat(r.release()).isEqualTo("v1");
        assertThat(lines).anyMatch(l -> l.contains("resuming the rollback"));
        f.assertHistory("v1", "v2");
        assertThat(ReleaseLease.inFlight(lease()))
                .as("settled: no longer on the Lease")
                .isNull();
        assertThat(lease().getMetadata().getAnnotations())
                .containsEntry(
                        ReleaseLease.HISTORY_VERSION_ANNOTATION,
                        ns.client()
                                .configMaps()
                                .inNamespace(ns.name())
                                .withName("web-releases")
                                .get()
                                .getMetadata()
                                .getResourceVersion());
        // resumed again: it is finished, nothing is done twice
        List<String> again = new ArrayList<>();
        new ReleaseEngine(ns.client(), again::add, Clock.systemUTC()).resume(handle, back);
        assertThat(again).noneMatch(l -> l.contains("resuming"));
    }

    /**
     * A warm rollback nobody resumed, recorded in flight only on the Lease, is handled by the next operation as a dead
     * in-flight history record is: its switch had landed, so it is recorded as live.
     */
    @Test
    void aWarmRollbackNobodyResumedIsRecordedByTheNextOperationFromTheLease() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        ReleaseHandle lost = ReleaseHandle.create(ReleaseHandle.Kind.ROLLBACK, "web", ns.name());
        assertThatThrownBy(() -> crashingAt("switched from v2 to v1")
                        .rollback(lost, new RollbackRequest("web", ns.name(), "previous", "bob", null)))
                .isInstanceOf(SimulatedCrash.class);
        assertThat(ReleaseLease.inFlight(lease()).id()).isEqualTo(lost.operationId());

        RollbackResult r = f.engine().rollback(new RollbackRequest("web", ns.name(), "previous", "alice", null));

        assertThat(f.lines)
                .contains("recording " + ns.name() + "/web v1 as live: the unfinished rollback had switched every"
                        + " Service to it");
        assertThat(r.release()).isEqualTo("v2");
        assertThat(r.from()).isEqualTo("v1");
        assertThat(f.engine().history("web", ns.name()).entryOf(lost.operationId()))
                .hasValueSatisfying(e -> assertThat(e.outcome()).isEqualTo("succeeded"));
        assertThat(ReleaseLease.inFlight(lease())).isNull();
        f.assertHistory("v2", "v1");
    }

    @Test
    void aDeployNobodyResumedIsRecordedAsAbandonedByTheNextOne() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        ReleaseHandle lost = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, "web", ns.name());
        assertThatThrownBy(() ->
                        crashingAt("web-preview has ").deploy(lost, f.request(2).build()))
                .isInstanceOf(SimulatedCrash.class);
        DeployResult v3 = f.engine().deploy(f.request(3).build());
        assertThat(v3.release()).isEqualTo("v3");
        assertThat(v3.previous()).isEqualTo("v1");
        assertThat(f.lines).contains("recording the unfinished deploy of " + ns.name() + "/web v2 as abandoned");
        assertThat(f.engine().history("web", ns.name()).entries())
                .extracting(ReleaseHistory.Entry::release, ReleaseHistory.Entry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("v3", "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("v2", "failed"),
                        org.assertj.core.groups.Tuple.tuple("v1", "succeeded"));
        assertThat(f.specReplicas("web-v2")).isZero();
        assertThat(f.engine().releases("web", ns.name()))
                .filteredOn(i -> i.release().equals("v2"))
                .extracting(ReleaseInfo::state)
                .containsExactly(ReleaseState.FAILED);
    }
}
