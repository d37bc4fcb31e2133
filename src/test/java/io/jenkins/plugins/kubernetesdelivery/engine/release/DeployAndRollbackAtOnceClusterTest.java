package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Case 20 of the fault table: a deploy and a rollback of the same app at once. The Lease runs them one after the
 * other, in either order; the one that comes second decides on what the first left, and both records are right.
 */
@Tag("cluster")
class DeployAndRollbackAtOnceClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    /**
     * An engine that, right before its first Service switch (it holds the Lease then), starts {@code other} and lets
     * the switch go ahead only once {@code other} reports that it waits for the Lease.
     */
    private ReleaseEngine holding(ClusterFixture f, Runnable other, String otherWaits) {
        return new ReleaseEngine(
                ns.client(),
                new ProgressListener() {
                    @Override
                    public void line(String line) {
                        f.lines.add(line);
                        System.out.println(line);
                    }

                    @Override
                    public void switchInFlight(boolean inFlight) {
                        if (!inFlight) {
                            return;
                        }
                        CompletableFuture.runAsync(other);
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (f.lines.stream().noneMatch(l -> l.startsWith(otherWaits)) && System.nanoTime() < until) {
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                },
                Clock.systemUTC());
    }

    private RollbackRequest rollbackToPrevious() {
        return RollbackRequest.builder("web", ns.name())
                .actor("bob")
                .reason("errors")
                .lockTimeout(Duration.ofMinutes(2))
                .build();
    }

    private Lease lease() {
        return ns.client()
                .leases()
                .inNamespace(ns.name())
                .withName("web-delivery")
                .get();
    }

    @Test
    void aRollbackThatWaitedForADeployRollsBackFromWhatTheDeployMadeLive() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        AtomicReference<Object> rollback = new AtomicReference<>();
        DeployResult deployed = holding(
                        f,
                        () -> {
                            try {
                                rollback.set(f.engine().rollback(rollbackToPrevious()));
                            } catch (RuntimeException e) {
                                rollback.set(e);
                            }
                        },
                        "waiting for deploy of web by alice")
                .deploy(f.request(3).build());
        assertThat(deployed.release()).isEqualTo("v3");
        awaitSet(rollback);
        assertThat(rollback.get()).isInstanceOf(RollbackResult.class);
        RollbackResult rolledBack = (RollbackResult) rollback.get();
        assertThat(rolledBack.release())
                .as("previous, as it is once the deploy has finished")
                .isEqualTo("v2");
        assertThat(rolledBack.from()).isEqualTo("v3");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.live()).isEqualTo("v2");
        assertThat(h.previous()).isEqualTo("v3");
        assertThat(h.current()).isNull();
        assertThat(h.pin().release()).isEqualTo("v2");
        assertThat(h.entries())
                .extracting(e -> e.action() + " " + e.release() + " " + e.outcome())
                .as("newest first")
                .containsExactly(
                        "rollback v2 succeeded", "deploy v3 succeeded", "deploy v2 succeeded", "deploy v1 succeeded");
        assertThat(lease().getSpec().getHolderIdentity()).isNull();
    }

    @Test
    void aDeployThatWaitedForARollbackIsRefusedByItsPinAndChangesNothing() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());
        AtomicReference<Object> deploy = new AtomicReference<>();
        RollbackResult rolledBack = holding(
                        f,
                        () -> {
                            try {
                                deploy.set(f.engine()
                                        .deploy(f.request(3)
                                                .actor("carol")
                                                .lockTimeout(Duration.ofMinutes(2))
                                                .build()));
                            } catch (RuntimeException e) {
                                deploy.set(e);
                            }
                        },
                        "waiting for rollback of web by bob")
                .rollback(rollbackToPrevious());
        assertThat(rolledBack.release()).isEqualTo("v1");
        awaitSet(deploy);
        assertThat(deploy.get()).isInstanceOf(ReleaseException.class);
        assertThatThrownBy(() -> {
                    throw (ReleaseException) deploy.get();
                })
                .hasMessageContaining("/web is pinned to v1 after a rollback by bob (errors); nothing was changed");
        assertThat(f.selectedRelease("web")).isEqualTo("v1");
        ReleaseHistory h = f.engine().history("web", ns.name());
        assertThat(h.lastRelease())
                .as("the refused deploy allocated no release")
                .isEqualTo(2);
        assertThat(h.live()).isEqualTo("v1");
        assertThat(h.current()).isNull();
        assertThat(h.entries())
                .extracting(e -> e.action() + " " + e.release() + " " + e.outcome())
                .as("newest first")
                .containsExactly("rollback v1 succeeded", "deploy v2 succeeded", "deploy v1 succeeded");
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .withName("web-v3")
                        .get())
                .isNull();
        assertThat(lease().getSpec().getHolderIdentity()).isNull();
    }

    private static void awaitSet(AtomicReference<Object> outcome) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (outcome.get() == null && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(outcome.get()).as("the second operation ended").isNotNull();
    }
}
