package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Action;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory.Phase;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The app's Lease against testenv: expiry on our own clock, no writes after losing it, its text, giving it up. */
@Tag("cluster")
class LeaseClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    private ReleaseEngine engine(ClusterFixture f, Clock clock, String fragment, Consumer<String> hook) {
        return new ReleaseEngine(
                ns.client(),
                line -> {
                    f.lines.add(line);
                    System.out.println(line);
                    if (fragment != null && line.contains(fragment)) {
                        hook.accept(line);
                    }
                },
                clock);
    }

    /** A deploy whose pods kwok never makes ready (their stage label has no Stage). */
    private static ReleaseRequest.Builder stuck(ClusterFixture f, int build) {
        return f.request(build)
                .manifests(List.of())
                .manifest(
                        "k8s/web.yaml",
                        ClusterFixture.manifests("web", 2, Map.of(KwokStages.LABEL, "never-" + UUID.randomUUID())));
    }

    private Lease lease() {
        return ns.client()
                .leases()
                .inNamespace(ns.name())
                .withName("web-delivery")
                .get();
    }

    private void awaitHeld() {
        ns.client()
                .leases()
                .inNamespace(ns.name())
                .withName("web-delivery")
                .waitUntilCondition(l -> l != null && l.getSpec().getHolderIdentity() != null, 30, TimeUnit.SECONDS);
    }

    /** D-4: a holder whose clock is two minutes behind still holds the Lease; no cross-host clock comparison. */
    @Test
    void aHolderWithASlowClockKeepsTheLease() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        Clock slow = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-120));
        CompletableFuture<DeployResult> first = CompletableFuture.supplyAsync(() -> engine(f, slow, null, null)
                .deploy(stuck(f, 1).rolloutTimeout(Duration.ofSeconds(10)).build()));
        awaitHeld();
        assertThatThrownBy(() -> f.engine()
                        .deploy(f.request(2)
                                .actor("bob")
                                .lockTimeout(Duration.ZERO)
                                .build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("/web is busy: deploy of web by alice");
        assertThatThrownBy(first::join).hasMessageContaining("not ready after 10 s");
        assertThat(f.engine().history("web", ns.name()).lastRelease())
                .as("the second deploy allocated nothing")
                .isEqualTo(1);
    }

    /**
     * D-4: a Lease that nobody renews is taken once it has not changed for its duration as this process measures it,
     * however old its renew time says it is.
     */
    @Test
    void aLeaseThatStopsChangingIsTakenAfterItsDurationOnOurClock() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        ZonedDateTime future = ZonedDateTime.now(ZoneOffset.UTC).plusHours(1);
        ns.client()
                .leases()
                .inNamespace(ns.name())
                .resource(new LeaseBuilder()
                        .withNewMetadata()
                        .withName("web-delivery")
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("a-process-that-died")
                        .withLeaseDurationSeconds(2)
                        .withAcquireTime(future)
                        .withRenewTime(future)
                        .endSpec()
                        .build())
                .create();
        assertThat(f.engine()
                        .deploy(f.request(1).lockTimeout(Duration.ofSeconds(30)).build())
                        .release())
                .as("a renew time in the future (a fast clock elsewhere) does not keep it forever")
                .isEqualTo("v1");
        assertThat(f.lines).anyMatch(l -> l.startsWith("waiting for operation a-process-that-died"));
        assertThat(lease().getSpec().getHolderIdentity()).isNull();
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    /** D-5: a deploy that lost its Lease while waiting never writes the history of the operation now holding it. */
    @Test
    void aDeployThatLostItsLeaseNeverWritesTheHistoryAgain() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        HistoryStore history = new HistoryStore(ns.client(), ns.name(), "web");
        ReleaseEngine robbed = engine(f, Clock.systemUTC(), "applying", l -> {
            // another operation takes the Lease (as after an expiry) and records itself in flight
            ns.client().leases().inNamespace(ns.name()).withName("web-delivery").edit(x -> {
                x.getSpec().setHolderIdentity("another-operation");
                x.getMetadata().getAnnotations().put(ReleaseLease.HOLDER_ANNOTATION, "deploy of web by bob");
                return x;
            });
            history.update(x -> x.withCurrent(new ReleaseHistory.Operation(
                    "another-operation",
                    Action.DEPLOY,
                    "v3",
                    x.live(),
                    Phase.ALLOCATED,
                    "bob",
                    ZonedDateTime.now(ZoneOffset.UTC).toInstant().toString(),
                    null)));
        });
        assertThatThrownBy(() -> robbed.deploy(
                        stuck(f, 2).rolloutTimeout(Duration.ofSeconds(5)).build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("lost the Lease " + ns.name() + "/web-delivery")
                .hasMessageContaining("deploy of web by bob holds it");
        ReleaseHistory h = history.read();
        assertThat(h.current()).as("the new holder's operation").isNotNull();
        assertThat(h.current().id()).isEqualTo("another-operation");
        assertThat(h.current().phase()).as("not marked applied by the loser").isEqualTo(Phase.ALLOCATED);
        assertThat(h.entries())
                .extracting(ReleaseHistory.Entry::release)
                .as("no entry written by the loser")
                .containsExactly("v1");
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("another-operation");
    }

    /** D-18: a Lease whose annotations someone removed is still given up, and the deploy still succeeds. */
    @Test
    void aLeaseWithoutAnnotationsIsGivenUpWithoutFailingTheDeploy() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        ReleaseEngine engine = engine(
                f,
                Clock.systemUTC(),
                "applying",
                l -> ns.client()
                        .leases()
                        .inNamespace(ns.name())
                        .withName("web-delivery")
                        .patch(
                                new PatchContext.Builder()
                                        .withPatchType(PatchType.JSON_MERGE)
                                        .build(),
                                "{\"metadata\":{\"annotations\":null}}"));
        assertThat(engine.deploy(f.request(1).build()).release()).isEqualTo("v1");
        java.util.Map<String, String> left = lease().getMetadata().getAnnotations();
        assertThat(left == null ? java.util.Set.<String>of() : left.keySet())
                .as("the annotations were removed; giving it back adds only the history's version")
                .isSubsetOf(ReleaseLease.HISTORY_VERSION_ANNOTATION);
        assertThat(lease().getSpec().getHolderIdentity()).isNull();
    }

    /** D-17: what a Lease says about its holder reaches other builds' consoles on one short line. */
    @Test
    void theHolderTextShownToOthersIsOneBoundedLine() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String forged = "deploy of web by eve\n[Pipeline] echo approved by admin\u001b[2K\r" + "x".repeat(5000);
        ns.client()
                .leases()
                .inNamespace(ns.name())
                .resource(new LeaseBuilder()
                        .withNewMetadata()
                        .withName("web-delivery")
                        .addToAnnotations(ReleaseLease.HOLDER_ANNOTATION, forged)
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity("someone-else")
                        .withLeaseDurationSeconds(60)
                        .withAcquireTime(now)
                        .withRenewTime(now)
                        .endSpec()
                        .build())
                .create();
        Throwable busy = org.assertj.core.api.Assertions.catchThrowable(() -> f.engine()
                .deploy(f.request(1).lockTimeout(Duration.ofSeconds(1)).build()));
        assertThat(busy).isInstanceOf(ReleaseException.class).hasMessageContaining("is busy: deploy of web by eve");
        List<String> shown = new java.util.ArrayList<>(f.lines);
        shown.add(busy.getMessage());
        for (String s : shown) {
            assertThat(s.chars().noneMatch(Character::isISOControl))
                    .as("no control character in: %s", s)
                    .isTrue();
            assertThat(s.length()).as("bounded: %s", s).isLessThan(1000);
        }
    }

    /** D-17: a pin's reason, written by another build (or by hand), is shown to the next deploy on one short line. */
    @Test
    void aPinReasonIsShownOnOneBoundedLine() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        f.engine()
                .rollback(RollbackRequest.builder("web", ns.name())
                        .actor("carol")
                        .reason("REASON")
                        .build());
        ns.client().configMaps().inNamespace(ns.name()).withName("web-releases").edit(cm -> {
            cm.getData()
                    .put(
                            HistoryStore.KEY,
                            cm.getData()
                                    .get(HistoryStore.KEY)
                                    .replace(
                                            "REASON",
                                            "errors\\n[Pipeline] echo deployed v2\\u001b[2K" + "y".repeat(3000)));
            return cm;
        });
        assertThat(f.engine().history("web", ns.name()).pin().reason()).contains("\n[Pipeline]");
        Throwable pinned = org.assertj.core.api.Assertions.catchThrowable(
                () -> f.engine().deploy(f.request(3).build()));
        assertThat(pinned)
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining(
                        "is pinned to v1 after a" + " rollback by carol (errors [Pipeline] echo deployed v2?[2Kyyy");
        assertThat(pinned.getMessage().chars().noneMatch(Character::isISOControl))
                .isTrue();
        assertThat(pinned.getMessage().length()).isLessThan(1000);
    }

    /**
     * D-4: between the switches of Services only in the cluster the deploy waits for endpoints; a Lease lost meanwhile
     * stops it before the next switch, and it leaves the rest to the new holder.
     */
    @Test
    void aLeaseLostBetweenTwoServiceSwitchesStopsTheSecond() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        for (String name : List.of("web-a", "web-b")) {
            ns.client()
                    .services()
                    .inNamespace(ns.name())
                    .resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .withNewSpec()
                            .withSelector(Map.of("app", "web"))
                            .addNewPort()
                            .withName("http")
                            .withPort(80)
                            .withNewTargetPort("http")
                            .endPort()
                            .endSpec()
                            .build())
                    .create();
        }
        f.engine().deploy(f.request(1).service("web-a").service("web-b").build());
        ReleaseEngine robbed = engine(f, Clock.systemUTC(), "Service " + ns.name() + "/web-a has", l -> {
            ns.client().leases().inNamespace(ns.name()).withName("web-delivery").edit(x -> {
                x.getSpec().setHolderIdentity("thief");
                x.getMetadata().getAnnotations().put(ReleaseLease.HOLDER_ANNOTATION, "deploy of web by mallory");
                return x;
            });
            // the holder learns of a takeover from its watch of the Lease, whose event comes a few ms after
            // the write returns (the check before the next switch trusts the watch and sends no GET): give
            // it time to arrive, as it has in practice between a takeover and the next switch
            letTheWatchSeeIt();
        });
        assertThatThrownBy(() -> robbed.deploy(
                        f.request(2).service("web-a").service("web-b").build()))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("lost the Lease " + ns.name() + "/web-delivery")
                .hasMessageContaining("deploy of web by mallory holds it");
        assertThat(f.selectedRelease("web-a")).as("left to the new holder").isEqualTo("v2");
        assertThat(f.selectedRelease("web-b")).as("never switched").isEqualTo("v1");
        assertThat(f.engine().history("web", ns.name()).current().release())
                .as("left to the new holder")
                .isEqualTo("v2");
    }

    /**
     * The pause after a takeover: a watch event arrives a few ms after the write that caused it (0-40 ms measured on
     * testenv, more under load), and the operation learns of the takeover from its watch of the Lease.
     */
    private static void letTheWatchSeeIt() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
