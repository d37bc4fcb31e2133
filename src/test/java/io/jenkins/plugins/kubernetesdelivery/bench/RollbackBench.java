package io.jenkins.plugins.kubernetesdelivery.bench;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ClusterFixture;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.RollbackRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: getting the previous version back, four ways, each on an app of its own (the same Deployment of
 * {@link #REPLICAS} pods and a Service): (a) {@code rollbackTo previous} of a warm release, (b) {@code rollbackTo} a
 * cold release, (c) a pod-template revert of a plain Deployment (what {@code kubectl rollout undo} does, then
 * {@code kubectl rollout status}), (d) deploying the old image again as a new release.
 */
final class RollbackBench {

    static final int REPLICAS = 3;
    static final String WARM = "warm rollback",
            COLD = "cold rollback",
            UNDO = "pod-template revert",
            REDEPLOY = "re-deploy of the old image";

    private final BenchCluster cluster;
    private final int reps;
    final Map<String, Samples> toReturn = new LinkedHashMap<>();
    final Map<String, Samples> toSwitch = new LinkedHashMap<>();

    RollbackBench(BenchCluster cluster, int reps) {
        this.cluster = cluster;
        this.reps = reps;
        for (String s : new String[] {WARM, COLD, UNDO, REDEPLOY}) {
            toReturn.put(s, new Samples());
            toSwitch.put(s, new Samples());
        }
    }

    void run() throws Exception {
        warm();
        cold();
        undo();
        redeploy();
    }

    static ReleaseRequest.Builder request(String app, String ns, int build) {
        return ReleaseRequest.builder(app, ns)
                .manifest("k8s/" + app + ".yaml", ClusterFixture.manifests(app, REPLICAS, Map.of()))
                .image("registry.example.com/shop/" + app + "@sha256:" + String.format("%064x", build))
                .gitCommit(String.format("%040x", 0xc0ffee00L + build))
                .schemaVersion("1")
                .actor("bench")
                .rolloutTimeout(Duration.ofMinutes(3));
    }

    private ReleaseEngine engine(KubernetesClient client) {
        return new ReleaseEngine(client, line -> {}, Clock.systemUTC());
    }

    private void deploy(String app, int build) {
        try (KubernetesClient c = cluster.client("kd-bench-setup")) {
            engine(c).deploy(request(app, cluster.namespace, build).build());
        }
    }

    private ReleaseHistory history(String app) {
        return engine(cluster.observer).history(app, cluster.namespace);
    }

    private void record(String what, int rep, Clocks.Times t) {
        toReturn.get(what).add(t.toReturn());
        toSwitch.get(what).add(t.toSwitch());
        System.out.printf(
                "  %s #%d: return %s, EndpointSlices %s%n",
                what, rep, Samples.ms(t.toReturn() / 1e6), Samples.ms(t.toSwitch() / 1e6));
    }

    private void rollbackReps(String what, String app, boolean cold) throws Exception {
        for (int i = 1; i <= reps; i++) {
            ReleaseHistory h = history(app);
            // warm: the previous release; cold: the one that is neither live nor previous (scaled to 0)
            String target = !cold ? h.previous() : "v" + (6 - number(h.live()) - number(h.previous()));
            try (KubernetesClient c = cluster.operation(app + "-rollback-" + i)) {
                Clocks.Times t = Clocks.measure(
                        cluster.observer,
                        cluster.namespace,
                        app,
                        pod -> pod.startsWith(app + "-" + target + "-"),
                        () -> engine(c)
                                .rollback(new RollbackRequest(
                                        app, cluster.namespace, cold ? target : "previous", "bench", "benchmark")));
                record(what, i, t);
            }
        }
    }

    private static int number(String release) {
        return Integer.parseInt(release.substring(1));
    }

    private void warm() throws Exception {
        System.out.println("benchmark 1a: " + WARM);
        deploy("warm", 1);
        deploy("warm", 2);
        rollbackReps(WARM, "warm", false);
    }

    /** v1..v3 deployed: v1 is cold; every rollback to the release neither live nor previous is cold again. */
    private void cold() throws Exception {
        System.out.println("benchmark 1b: " + COLD);
        deploy("cold", 1);
        deploy("cold", 2);
        deploy("cold", 3);
        rollbackReps(COLD, "cold", true);
    }

    private void undo() throws Exception {
        System.out.println("benchmark 1c: " + UNDO);
        String app = "plain";
        KubernetesClient o = cluster.observer;
        o.load(new java.io.ByteArrayInputStream(ClusterFixture.manifests(app, REPLICAS, Map.of())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .inNamespace(cluster.namespace)
                .create();
        String[] hashes = new String[2];
        for (int v = 0; v < 2; v++) {
            String image = "registry.example.com/shop/plain@sha256:" + String.format("%064x", v + 1);
            o.apps()
                    .deployments()
                    .inNamespace(cluster.namespace)
                    .withName(app)
                    .patch(
                            PatchContext.of(PatchType.JSON),
                            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\"," + "\"value\":\""
                                    + image + "\"}]");
            awaitRolledOut(app);
            hashes[v] = currentHash(app);
        }
        for (int i = 1; i <= reps; i++) {
            String target = hashes[(i + 1) % 2];
            try (KubernetesClient c = cluster.operation("plain-undo-" + i)) {
                Clocks.Times t = Clocks.measure(
                        o, cluster.namespace, app, pod -> pod.startsWith(app + "-" + target + "-"), () -> {
                            revert(c, app, target);
                            awaitRolledOut(app);
                        });
                record(UNDO, i, t);
            }
        }
    }

    /**
     * What {@code kubectl rollout undo} does: lists the ReplicaSets, and puts the old one's pod template back into
     * the Deployment with a JSON patch.
     */
    private void revert(KubernetesClient c, String app, String hash) {
        ReplicaSet rs =
                c.apps().replicaSets().inNamespace(cluster.namespace).withLabel("app", app).list().getItems().stream()
                        .filter(r -> hash.equals(r.getMetadata().getLabels().get("pod-template-hash")))
                        .findFirst()
                        .orElseThrow();
        PodTemplateSpec template = Serialization.clone(rs.getSpec().getTemplate());
        template.getMetadata().getLabels().remove("pod-template-hash");
        c.apps()
                .deployments()
                .inNamespace(cluster.namespace)
                .withName(app)
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":" + Serialization.asJson(template)
                                + "}]");
    }

    /** What {@code kubectl rollout status} waits for. */
    private void awaitRolledOut(String app) {
        cluster.observer
                .apps()
                .deployments()
                .inNamespace(cluster.namespace)
                .withName(app)
                .waitUntilCondition(RollbackBench::rolledOut, 5, TimeUnit.MINUTES);
    }

    static boolean rolledOut(Deployment d) {
        if (d == null || d.getStatus() == null || d.getStatus().getObservedGeneration() == null) {
            return false;
        }
        var s = d.getStatus();
        int want = d.getSpec().getReplicas();
        return s.getObservedGeneration() >= d.getMetadata().getGeneration()
                && s.getUpdatedReplicas() != null
                && s.getUpdatedReplicas() == want
                && s.getReplicas() != null
                && s.getReplicas() == want
                && s.getAvailableReplicas() != null
                && s.getAvailableReplicas() == want;
    }

    private String currentHash(String app) {
        return cluster
                .observer
                .apps()
                .replicaSets()
                .inNamespace(cluster.namespace)
                .withLabel("app", app)
                .list()
                .getItems()
                .stream()
                .filter(r -> r.getSpec().getReplicas() != null && r.getSpec().getReplicas() > 0)
                .map(r -> r.getMetadata().getLabels().get("pod-template-hash"))
                .findFirst()
                .orElseThrow();
    }

    /** The old image deployed again as a new release: new pods, then the switch. */
    private void redeploy() throws Exception {
        System.out.println("benchmark 1d: " + REDEPLOY);
        String app = "redeploy";
        deploy(app, 1);
        deploy(app, 2);
        for (int i = 1; i <= reps; i++) {
            String next = "v" + (history(app).lastRelease() + 1);
            int build = i % 2 == 1 ? 1 : 2;
            try (KubernetesClient c = cluster.operation(app + "-deploy-" + i)) {
                Clocks.Times t = Clocks.measure(
                        cluster.observer,
                        cluster.namespace,
                        app,
                        pod -> pod.startsWith(app + "-" + next + "-"),
                        () -> engine(c)
                                .deploy(request(app, cluster.namespace, build).build()));
                record(REDEPLOY, i, t);
            }
        }
    }
}
