package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operations that fail or race halfway, against testenv: the app is never left stuck, half-switched or pointing at
 * pods that are gone. Each test names the review finding (issue 3) it guards.
 */
@Tag("cluster")
class RecoveryClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /** An engine whose progress listener runs {@code hook} on the operation's thread for a matching line. */
    private ReleaseEngine hooked(ClusterFixture f, String fragment, Consumer<String> hook) {
        return new ReleaseEngine(
                ns.client(),
                line -> {
                    f.lines.add(line);
                    System.out.println(line);
                    if (line.contains(fragment)) {
                        hook.accept(line);
                    }
                },
                Clock.systemUTC());
    }

    private void selectRelease(String service, String release, String manager) {
        ns.client()
                .services()
                .inNamespace(ns.name())
                .withName(service)
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .withFieldManager(manager)
                                .build(),
                        "{\"spec\":{\"selector\":{\"" + ReleaseLabels.RELEASE + "\":\"" + release + "\"}}}");
    }

    /** Sets the Lease to a live holder other than any operation of the test. */
    private void holdLease(String holder, String description) {
        ns.client().leases().inNamespace(ns.name()).withName("web-delivery").edit(l -> {
            l.getSpec().setHolderIdentity(holder);
            l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
            l.getMetadata().getAnnotations().put(ReleaseLease.HOLDER_ANNOTATION, description);
            return l;
        });
    }

    private static String twoServices() {
        return ClusterFixture.manifests("web", 2, Map.of()) + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web-admin
                spec:
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 81
                    targetPort: http
                """;
    }

    /** Finding 2: the second Service's switch fails, the first one goes back, and the next deploy is not stuck. */
    @Test
    void aSwitchThatFailsHalfwayPutsTheSwitchedServicesBack() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine()
                .deploy(f.request(1)
                        .manifests(List.of())
                        .manifest("web.yaml", twoServices())
                        .build());
        f.engine()
                .deploy(f.request(2)
                        .manifests(List.of())
                        .manifest("web.yaml", twoServices())
                        .build());
        selectRelease("web-admin", "v1", "intruder");

        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(3)
                                .manifests(List.of())
                                .manifest("web.yaml", twoServices())
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("Service " + ns.name() + "/web-admin selects v1, not v2 as expected")
                .hasMessageContaining("v2 stays live and serving, v3 is scaled to 0");
        assertThat(f.lines).contains(ServiceSwitcher.switchLine(ns.name(), "web", "v2", "v3", true));
        assertThat(f.selectedRelease("web")).as("switched back").isEqualTo("v2");
        assertThat(f.selectedRelease("web-admin"))
                .as("the intruder's change is left alone")
                .isEqualTo("v1");
        assertThat(f.specReplicas("web-v3")).isZero();
        f.assertHistory("v2", "v1");
        assertThat(f.engine().history("web", ns.name()).entries().get(0).outcome())
                .isEqualTo("failed");

        selectRelease("web-admin", "v2", "operator");
        DeployResult v4 = f.engine()
                .deploy(f.request(4)
                        .manifests(List.of())
                        .manifest("web.yaml", twoServices())
                        .build());
        assertThat(v4.previous()).isEqualTo("v2");
        assertThat(f.selectedRelease("web")).isEqualTo("v4");
        assertThat(f.selectedRelease("web-admin")).isEqualTo("v4");
    }

    private void clusterService(String name, Map<String, String> selector) {
        ns.client()
                .services()
                .inNamespace(ns.name())
                .resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(selector)
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withNewTargetPort("http")
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    /** Finding 17: a Service only in the cluster has no preview; its endpoints are checked after its switch. */
    @Test
    void aClusterOnlyServiceWithoutEndpointsOfTheReleaseIsSwitchedBack() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        clusterService("web-internal", Map.of("app", "web"));
        f.engine()
                .deploy(f.request(1)
                        .service("web-internal")
                        .rolloutTimeout(Duration.ofSeconds(20))
                        .build());
        assertThat(f.selectedRelease("web-internal")).isEqualTo("v1");
        // the wait ends at the first ready endpoint of the release, so the count may be 1 or 2
        assertThat(f.lines).anyMatch(l -> l.matches("Service " + ns.name() + "/web-internal has [12] ready endpoints"));
        // selects the release label and a label the release's pods do not carry
        clusterService("web-db", Map.of(ReleaseLabels.APP, "web", ReleaseLabels.RELEASE, "v1", "tier", "db"));

        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(2)
                                .service("web-internal")
                                .service("web-db")
                                .rolloutTimeout(Duration.ofSeconds(8))
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("Service " + ns.name() + "/web-db has no ready endpoint of the new release")
                .hasMessageContaining("v1 stays live and serving, v2 is scaled to 0");
        assertThat(f.lines).contains(ServiceSwitcher.switchLine(ns.name(), "web-db", "v1", "v2", true));
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        assertThat(f.selectedRelease("web-internal")).isEqualTo("v1");
        assertThat(f.selectedRelease("web-db")).isEqualTo("v1");
        f.assertHistory("v1", null);
    }

    /** Finding 4: while a resume waits for the Lease, the new holder records it as abandoned; it must stop. */
    @Test
    void aResumeThatWasAbandonedWhileWaitingForTheLeaseChangesNothing() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine()
                .deploy(f.request(1)
                        .manifests(List.of())
                        .manifest("web.yaml", twoServices())
                        .build());
        // it stops after switching web, before web-admin: a switch that had landed would be recorded as live instead
        ReleaseRequest v2 = f.request(2)
                .manifests(List.of())
                .manifest("web.yaml", twoServices())
                .build();
        ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, "web", ns.name());
        assertThatThrownBy(() -> hooked(f, "switched from v1 to v2", l -> {
                            throw new ResumeClusterTest.SimulatedCrash();
                        })
                        .deploy(handle, v2))
                .isInstanceOf(ResumeClusterTest.SimulatedCrash.class);
        assertThat(f.engine().history("web", ns.name()).current().phase()).isEqualTo(ReleaseHistory.Phase.SWITCHING);
        holdLease("another-operation", "deploy of web by bob");

        ReleaseEngine resuming = hooked(f, "waiting for deploy of web by bob", l -> {
            // meanwhile the other operation, holding the Lease, records the resumed one as abandoned
            new Abandonment(OperationContext.of(
                            ns.client(), ns.name(), "web", System.out::println, Clock.systemUTC(), "another-operation"))
                    .recordStale();
            ns.client().leases().inNamespace(ns.name()).withName("web-delivery").edit(x -> {
                x.getSpec().setHolderIdentity(null);
                return x;
            });
        });
        assertThatThrownBy(() -> resuming.resume(handle, v2))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("web v2 was finished by another operation while this resume waited for the"
                        + " Lease: failed (abandoned");
        assertThat(f.selectedRelease("web"))
                .as("the abandoning operation switched it back")
                .isEqualTo("v1");
        assertThat(f.specReplicas("web-v2")).isZero();
        f.assertHistory("v1", null);
    }

    /** Findings 10 and 11: a cold target that never becomes ready goes back to 0, and the failure is recorded. */
    @Test
    void aFailedColdRollbackIsUndoneRecordedAndNotResumedAsSuccess() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        for (int build = 1; build <= 3; build++) {
            f.engine().deploy(f.request(build).build());
        }
        assertThat(f.specReplicas("web-v1")).as("cold").isZero();
        // from now on v1's pods stay Pending: no kwok stage makes them ready
        ns.client()
                .apps()
                .deployments()
                .inNamespace(ns.name())
                .withName("web-v1")
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .build(),
                        "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"" + KwokStages.LABEL + "\":\"never-"
                                + ns.name() + "\"}}}}}");
        RollbackRequest back =
                new RollbackRequest("web", ns.name(), "v1", "bob", "v3 is broken", false, Duration.ofSeconds(5), null);
        ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.ROLLBACK, "web", ns.name());
        assertThatThrownBy(() -> f.engine().rollback(handle, back))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("rollback to v1 failed: " + ns.name() + "/web-v1 is not ready after 5 s")
                .hasMessageContaining("v3 stays live, v1 is scaled to 0 again");
        assertThat(f.specReplicas("web-v1")).isZero();
        assertThat(f.selectedRelease("web")).isEqualTo("v3");
        f.assertHistory("v3", "v2");
        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.pin()).as("a failed rollback pins nothing").isNull();
        assertThat(h.entries().get(0)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("rollback");
            assertThat(e.outcome()).isEqualTo("failed");
            assertThat(e.message()).contains("not ready after 5 s");
        });

        assertThatThrownBy(() -> f.engine().resume(handle, back))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("the rollback of " + ns.name() + "/web to v1 had failed");
        assertThat(f.engine().deploy(f.request(4).build()).previous())
                .as("not pinned, not stuck")
                .isEqualTo("v3");
    }

    /** Finding 12: an operation whose Lease was taken over must not switch or record anything. */
    @Test
    void aDeployThatLostItsLeaseDoesNotSwitch() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        ReleaseEngine robbed = hooked(f, "applying", l -> holdLease("thief", "deploy of web by mallory"));
        assertThatThrownBy(() -> robbed.deploy(f.request(2).build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("lost the Lease " + ns.name() + "/web-delivery before the switch to v2: deploy"
                        + " of web by mallory holds it");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        assertThat(f.engine().history("web", ns.name()).current().release())
                .as("left to the new holder, which records it as abandoned")
                .isEqualTo("v2");
        assertThat(ns.client()
                        .leases()
                        .inNamespace(ns.name())
                        .withName("web-delivery")
                        .get()
                        .getSpec()
                        .getHolderIdentity())
                .as("not given up by the loser")
                .isEqualTo("thief");
    }

    /** Finding 19: the deploy has succeeded once it is recorded; retiring old releases can only warn. */
    @Test
    void aRetentionErrorAfterTheSwitchIsAWarningOnly() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        ReleaseEngine engine = hooked(
                f,
                "scaling " + ns.name() + "/web-v1 to 0",
                l -> ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .withName("web-v1")
                        .withGracePeriod(0)
                        .delete());
        DeployResult v3 = engine.deploy(f.request(3).build());
        assertThat(v3.release()).isEqualTo("v3");
        assertThat(f.lines)
                .anyMatch(l -> l.startsWith("warning: cannot retire older releases of " + ns.name() + "/web: "))
                .contains(ns.name() + "/web v3 is live");
        f.assertHistory("v3", "v2");
        assertThat(f.engine().history("web", ns.name()).entries().get(0).outcome())
                .isEqualTo("succeeded");
    }
}
