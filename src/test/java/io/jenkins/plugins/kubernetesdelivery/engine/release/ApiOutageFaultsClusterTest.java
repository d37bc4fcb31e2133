package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.testenv.Faults;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Case 21 of the fault table: the API server process stops for 30 s (then takes its start-up time to answer again)
 * while a deploy waits for its rollout. On a testenv of its own ({@link Faults}): it stops that cluster's API server.
 */
@Tag("cluster")
@Tag(Faults.TAG)
class ApiOutageFaultsClusterTest {

    /** Connections the engine may open to the API server during the 30 s outage: a storm would be thousands. */
    static final int MAX_CONNECTIONS_IN_OUTAGE = 150;

    private final Faults faults = Faults.cluster();

    /**
     * Runs {@code -Dfaults.outageRuns=N} times (default once), each in a namespace of its own; every run's outcome is
     * printed, and the test fails if any run did.
     */
    @Test
    void aDeployWaitingForItsRolloutOutlivesAThirtySecondApiServerOutage() throws Exception {
        int runs = Integer.getInteger("faults.outageRuns", 1);
        List<String> outcomes = new ArrayList<>();
        boolean failed = false;
        for (int i = 1; i <= runs; i++) {
            String ns = "apioutage-" + UUID.randomUUID().toString().substring(0, 8);
            KubernetesClient admin = faults.adminClient();
            admin.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .addToLabels("delivery.jenkins.io/test", "true")
                            .endMetadata()
                            .build())
                    .create();
            try {
                admin.serviceAccounts()
                        .inNamespace(ns)
                        .withName("default")
                        .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
                outcomes.add("run " + i + ": " + once(new ClusterFixture(admin, ns)));
            } catch (Throwable t) {
                failed = true;
                outcomes.add("run " + i + ": FAILED " + t);
            } finally {
                admin.namespaces().withName(ns).delete();
            }
            System.out.println("case 21 " + outcomes.get(outcomes.size() - 1));
        }
        assertThat(failed).as("%s", outcomes).isFalse();
    }

    private String once(ClusterFixture f) throws Exception {
        String ns = f.ns;
        f.engine().deploy(f.request(1).build());
        int inOutage;
        long outage;
        try (KwokStages stages = new KwokStages(f.client, "outage");
                TcpProxy proxy = faults.proxy();
                KubernetesClient engineClient = Faults.clientThrough(proxy, faults.kubeconfig())) {
            ReleaseEngine engine = new ReleaseEngine(
                    engineClient,
                    line -> {
                        f.lines.add(line);
                        System.out.println(line);
                    },
                    Clock.systemUTC());
            CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> engine.deploy(f.request(2)
                    .manifests(List.of())
                    .manifest("k8s/web.yaml", ClusterFixture.manifests("web", 2, stages.podLabels()))
                    .rolloutTimeout(Duration.ofMinutes(5))
                    .build()));
            String waiting = ns + "/web-v2 0/2 ready";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!f.lines.contains(waiting) && System.nanoTime() < until && !deploy.isDone()) {
                Thread.sleep(100);
            }
            assertThat(f.lines)
                    .as("the deploy waits for its rollout when the API server stops")
                    .contains(waiting);

            int before = proxy.accepted();
            long down = System.nanoTime();
            faults.stop(Faults.Component.API_SERVER);
            Thread.sleep(30_000);
            inOutage = proxy.accepted() - before;
            faults.start(Faults.Component.API_SERVER);
            outage = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - down);
            assertThat(deploy).as("still waiting after the outage").isNotDone();
            ready(f.client, ns, stages);

            DeployResult r = deploy.get(5, TimeUnit.MINUTES);
            assertThat(r.release()).isEqualTo("v2");
            assertThat(inOutage)
                    .as("connections tried while the API server was down")
                    .isBetween(1, MAX_CONNECTIONS_IN_OUTAGE);
        }
        assertThat(f.selectedRelease("web")).isEqualTo("v2");
        f.assertHistory("v2", "v1");
        assertThat(f.engine().history("web", ns).entries())
                .extracting(ReleaseHistory.Entry::outcome)
                .containsExactly("succeeded", "succeeded");
        Lease lease = f.client.leases().inNamespace(ns).withName("web-delivery").get();
        assertThat(lease.getSpec().getHolderIdentity()).as("given up").isNull();
        assertThat(lease.getSpec().getLeaseTransitions())
                .as("one per deploy: nobody else took it")
                .isEqualTo(1);
        return "v2 live, history and Lease consistent; API server unreachable for " + outage + " s, " + inOutage
                + " connections tried in the 30 s it was stopped";
    }

    /**
     * A Stage that makes the pods of {@code stages} in {@code ns} Running and Ready. kwok looks at a pod again only when
     * it changes, so the pods get an annotation, every 5 s until they run.
     */
    static void ready(KubernetesClient client, String ns, KwokStages stages) {
        stages.stage("ready")
                .when(".status.phase", "In", "Pending")
                .create("""
                conditions:
                - type: Initialized
                  status: "True"
                  lastTransitionTime: {{ Now | Quote }}
                - type: Ready
                  status: "True"
                  lastTransitionTime: {{ Now | Quote }}
                - type: ContainersReady
                  status: "True"
                  lastTransitionTime: {{ Now | Quote }}
                """ + KwokStages.statuses("containers", true, 0, """
                state:
                  running:
                    startedAt: {{ Now | Quote }}
                """) + """
                {{ with PodIPsWith .spec.nodeName false ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
                podIP: {{ index . 0 | Quote }}
                {{ end }}
                phase: Running
                startTime: {{ Now | Quote }}
                """);
        // after an outage kwok needs a while to watch again: poke until the pods are ready (or give up after 3 min)
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (int poke = 1; System.nanoTime() < until; poke++) {
            List<Pod> pods = client.pods()
                    .inNamespace(ns)
                    .withLabels(stages.podLabels())
                    .list()
                    .getItems();
            if (!pods.isEmpty()
                    && pods.stream()
                            .allMatch(p -> "Running".equals(p.getStatus().getPhase()))) {
                return;
            }
            String value = Integer.toString(poke);
            for (Pod p : pods) {
                try {
                    client.pods()
                            .inNamespace(ns)
                            .withName(p.getMetadata().getName())
                            .edit(x -> {
                                x.getMetadata().getAnnotations().put("testenv.delivery.jenkins.io/poke", value);
                                return x;
                            });
                } catch (RuntimeException e) {
                    // gone or changed meanwhile: next round
                }
            }
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
