package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.EndpointSlices;
import io.jenkins.plugins.kubernetesdelivery.testenv.KwokStages;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Manifests, requests and cluster assertions shared by the release tests against testenv (public for the step tests
 * of {@code steps.rollback} and {@code steps.deploy}).
 */
public final class ClusterFixture {

    public final KubernetesClient client;
    public final String ns;
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    public ClusterFixture(KubernetesClient client, String ns) {
        this.client = client;
        this.ns = ns;
    }

    public ReleaseEngine engine() {
        return new ReleaseEngine(
                client,
                line -> {
                    lines.add(line);
                    System.out.println(line);
                },
                Clock.systemUTC());
    }

    /** A Deployment of {@code replicas} pods (extra pod labels optional) and a Service selecting them. */
    public static String manifests(String app, int replicas, Map<String, String> podLabels) {
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

    /** A request for release number {@code build} of app web: its own digest, commit and schema 1. */
    public ReleaseRequest.Builder request(int build) {
        return ReleaseRequest.builder("web", ns)
                .manifest("k8s/web.yaml", manifests("web", 2, Map.of()))
                .image("registry.example.com/shop/web@sha256:" + String.format("%064x", build))
                .gitCommit(String.format("%040x", 0xc0ffee00L + build))
                .buildUrl("https://ci.example.com/job/web/" + build + "/")
                .schemaVersion("1")
                .actor("alice")
                .rolloutTimeout(Duration.ofSeconds(60));
    }

    public String selectedRelease(String service) {
        return client.services()
                .inNamespace(ns)
                .withName(service)
                .get()
                .getSpec()
                .getSelector()
                .get(ReleaseLabels.RELEASE);
    }

    public int specReplicas(String deployment) {
        return client.apps()
                .deployments()
                .inNamespace(ns)
                .withName(deployment)
                .get()
                .getSpec()
                .getReplicas();
    }

    /** Waits until the Service's EndpointSlices list ready pods and all of them satisfy {@code pods}. */
    public List<EndpointSlice> awaitEndpoints(String service, Predicate<List<String>> pods) {
        return client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(ns)
                .withLabel("kubernetes.io/service-name", service)
                .informOnCondition(list -> {
                    List<String> ready = EndpointSlices.readyPods(list);
                    return !ready.isEmpty() && pods.test(ready);
                })
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
    }

    public static Predicate<List<String>> allOf(String deployment) {
        return pods -> pods.stream().allMatch(p -> p.startsWith(deployment + "-"));
    }

    /**
     * kwok Stages that give the pods labeled with their {@link KwokStages#podLabels()}, once, this phase and each
     * container ({@code ready: false}) this restart count and {@code containerState} (YAML with {@code state:} and
     * optionally {@code lastState:}); close them afterwards.
     */
    KwokStages podStages(String prefix, String phase, int restartCount, String containerState) {
        KwokStages stages = new KwokStages(client, prefix);
        stages.stage("pod")
                .when(".status.containerStatuses", "DoesNotExist")
                .create("phase: " + phase + "\n"
                        + KwokStages.statuses("containers", false, restartCount, containerState));
        return stages;
    }

    public void assertHistory(String live, String previous) {
        ReleaseHistory h = engine().history("web", ns);
        assertThat(h.live()).as("live").isEqualTo(live);
        assertThat(h.previous()).as("previous").isEqualTo(previous);
        assertThat(h.current()).as("operation in flight").isNull();
    }
}
