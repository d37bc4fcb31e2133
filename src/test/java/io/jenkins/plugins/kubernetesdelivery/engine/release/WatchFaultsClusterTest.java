package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.testenv.Faults;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TcpProxy;
import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Case 23 of the fault table against the real API server: the rollout wait's watches go silent, or every connection
 * is dropped and refused for a while (a reconnect loop without 410). The engine talks through a {@link TcpProxy} on
 * 127.0.0.1, which disturbs only its own connections, so the shared testenv is fine.
 */
@Tag("cluster")
class WatchFaultsClusterTest {

    /** Connections the engine may open in the 20 s of refused connections: a tight reconnect loop would be thousands. */
    static final int MAX_RECONNECTS = 100;

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    private CompletableFuture<DeployResult> deployThrough(KubernetesClient client, ClusterFixture f, KwokStages stages)
            throws InterruptedException {
        ReleaseEngine engine = new ReleaseEngine(
                client,
                line -> {
                    f.lines.add(line);
                    System.out.println(line);
                },
                Clock.systemUTC());
        CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> engine.deploy(f.request(2)
                .manifests(List.of())
                .manifest("k8s/web.yaml", ClusterFixture.manifests("web", 2, stages.podLabels()))
                .rolloutTimeout(Duration.ofMinutes(3))
                .build()));
        String waiting = ns.name() + "/web-v2 0/2 ready";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!f.lines.contains(waiting) && System.nanoTime() < until && !deploy.isDone()) {
            Thread.sleep(100);
        }
        assertThat(f.lines).as("the deploy waits for its rollout").contains(waiting);
        return deploy;
    }

    private void assertLive(ClusterFixture f, DeployResult r) {
        assertThat(r.release()).isEqualTo("v2");
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        f.assertHistory("v2", "v1");
        assertThat(f.lines.stream().filter(l -> l.equals(ns.name() + "/web-v2 2/2 ready")))
                .as("the rollout's completion is reported once")
                .hasSize(1);
    }

    @Test
    void aWatchThatGoesSilentIsBackedUpByThePeriodicRead() throws Exception {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        try (KwokStages stages = new KwokStages(ns.client(), "silent");
                TcpProxy proxy = Faults.proxyTo(Testenv.kubeconfig());
                KubernetesClient client = Faults.clientThrough(proxy, Testenv.kubeconfig())) {
            CompletableFuture<DeployResult> deploy = deployThrough(client, f, stages);
            proxy.silenceOpen();
            ApiOutageFaultsClusterTest.ready(ns.client(), ns.name(), stages);
            assertLive(f, deploy.get(3, TimeUnit.MINUTES));
        }
    }

    @Test
    void reconnectsWhileEveryConnectionIsDroppedAreRateLimited() throws Exception {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        try (KwokStages stages = new KwokStages(ns.client(), "loop");
                TcpProxy proxy = Faults.proxyTo(Testenv.kubeconfig());
                KubernetesClient client = Faults.clientThrough(proxy, Testenv.kubeconfig())) {
            CompletableFuture<DeployResult> deploy = deployThrough(client, f, stages);
            int before = proxy.accepted();
            proxy.refuse(true);
            proxy.dropAll();
            Thread.sleep(20_000);
            int reconnects = proxy.accepted() - before;
            System.out.println("connections tried in 20 s of dropped connections: " + reconnects);
            proxy.refuse(false);
            assertThat(deploy).as("still waiting").isNotDone();
            ApiOutageFaultsClusterTest.ready(ns.client(), ns.name(), stages);
            assertLive(f, deploy.get(3, TimeUnit.MINUTES));
            assertThat(reconnects)
                    .as("connections tried while every one was dropped")
                    .isBetween(1, MAX_RECONNECTS);
        }
    }
}
