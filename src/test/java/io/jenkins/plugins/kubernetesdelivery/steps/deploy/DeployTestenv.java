package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Clients, manifests and kwok Stages for the deployLabeled tests against testenv. */
final class DeployTestenv {

    private DeployTestenv() {}

    /** Requests counted as "METHOD path" over every client of one test (dry runs left out). */
    static final class Requests {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        int count(String methodAndPath) {
            AtomicInteger n = counts.get(methodAndPath);
            return n == null ? 0 : n.get();
        }

        /** A new testenv client counting into these requests; the step closes it. */
        KubernetesClient client() {
            Config config = Config.fromKubeconfig(
                    null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString());
            return new KubernetesClientBuilder()
                    .withConfig(config)
                    .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", new Interceptor() {
                        @Override
                        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                            String query = request.uri().getQuery() == null
                                    ? ""
                                    : request.uri().getQuery();
                            if (!query.contains("dryRun")) {
                                String method = query.contains("watch=true") ? "WATCH" : request.method();
                                counts.computeIfAbsent(
                                                method + " " + request.uri().getPath(), k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        }
                    }))
                    .build();
        }
    }

    /** A Deployment {@code app} of {@code replicas} pods (extra pod labels optional) and a Service selecting them. */
    static String manifests(String app, int replicas, Map<String, String> podLabels) {
        StringBuilder extra = new StringBuilder();
        podLabels.forEach((k, v) ->
                extra.append("        ").append(k).append(": '").append(v).append("'\n"));
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                %3$s    spec:
                      containers:
                      - name: %1$s
                        image: %1$s
                        ports:
                        - name: http
                          containerPort: 8080
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  selector:
                    app: %1$s
                  ports:
                  - name: http
                    port: 80
                    targetPort: http
                """.formatted(app, replicas, extra.toString());
    }

    /** A Secret that is part of the release, holding {@link DeployFixtures#MANIFEST_SECRET}. */
    static String secret() {
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-db\nstringData:\n  password: "
                + DeployFixtures.MANIFEST_SECRET + "\n";
    }

    /** The digest-pinned image of build {@code n}. */
    static String image(int n) {
        return "registry.example.com/shop/web@sha256:" + String.format("%064x", n);
    }

    /**
     * Stages that make this test's pods ready (as kwok's default {@code pod-ready} Stage does) only once they have
     * waited {@code delay}; pods need {@link KwokStages#podLabels()}. Close them after the test.
     */
    static KwokStages readyAfter(KubernetesClient admin, String prefix, Duration delay) {
        GenericKubernetesResource ready = admin.genericKubernetesResources("kwok.x-k8s.io/v1alpha1", "Stage")
                .withName("pod-ready")
                .get();
        String template = ready.get("spec", "next", "statusTemplate");
        KwokStages stages = new KwokStages(admin, prefix);
        stages.stage("ready")
                .when(".status.phase", "In", "Pending")
                .when(".status.conditions.[] | select( .type == \"Ready\" ) | .status", "NotIn", "True")
                .after(delay)
                .create(template);
        return stages;
    }
}
