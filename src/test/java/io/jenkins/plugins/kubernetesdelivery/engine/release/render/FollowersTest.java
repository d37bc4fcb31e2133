package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kubernetesdelivery.engine.release.Fixtures;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shared objects that follow the live release, as rendered: autoscalers and disruption budgets of the app. */
class FollowersTest {

    private static final String FOLLOWERS = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 4}
            ---
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: web-queue}
            spec: {scaleTargetRef: {name: web}}
            ---
            apiVersion: autoscaling.k8s.io/v1
            kind: VerticalPodAutoscaler
            metadata: {name: web}
            spec: {targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: other}
            spec: {scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}, maxReplicas: 4}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: db}
            spec: {minAvailable: 1, selector: {matchLabels: {app: db}}}
            """;

    @Test
    void autoscalersNamingTheDeploymentAndBudgetsSelectingItsPodsFollowTheRelease() {
        List<String> problems = new ArrayList<>();
        RenderedRelease r = ReleaseRenderer.render(
                Fixtures.webRequest().manifest("k8s/scaling.yaml", FOLLOWERS).build(), 8, Instant.EPOCH, problems);
        assertThat(problems).isEmpty();

        assertThat(ref(r, "HorizontalPodAutoscaler", "web", "scaleTargetRef")).isEqualTo("web-v8");
        assertThat(ref(r, "ScaledObject", "web-queue", "scaleTargetRef")).isEqualTo("web-v8");
        assertThat(ref(r, "VerticalPodAutoscaler", "web", "targetRef")).isEqualTo("web-v8");
        assertThat(ref(r, "HorizontalPodAutoscaler", "other", "scaleTargetRef"))
                .as("not a Deployment")
                .isEqualTo("web");
        assertThat((Map<String, String>) find(r, "PodDisruptionBudget", "web").get("spec", "selector", "matchLabels"))
                .containsEntry("app", "web")
                .containsEntry(ReleaseLabels.APP, "web")
                .containsEntry(ReleaseLabels.RELEASE, "v8");
        assertThat((Map<String, String>) find(r, "PodDisruptionBudget", "db").get("spec", "selector", "matchLabels"))
                .as("selects no pod of the app")
                .containsOnlyKeys("app");
        assertThat(find(r, "HorizontalPodAutoscaler", "web").getMetadata().getAnnotations())
                .containsEntry(ReleaseLabels.FOLLOWS, ReleaseLabels.FOLLOWS_LIVE);
        assertThat(find(r, "HorizontalPodAutoscaler", "other").getMetadata().getAnnotations())
                .doesNotContainKey(ReleaseLabels.FOLLOWS);

        String recorded = r.deployments().get(0).getMetadata().getAnnotations().get(ReleaseLabels.FOLLOWERS);
        assertThat(recorded)
                .contains(
                        "\"kind\":\"HorizontalPodAutoscaler\"",
                        "\"field\":\"spec.scaleTargetRef.name\"",
                        "\"deployment\":\"web\"",
                        "\"kind\":\"PodDisruptionBudget\"",
                        "\"name\":\"web-queue\"")
                .doesNotContain("\"name\":\"other\"", "\"name\":\"db\"");
    }

    private static String ref(RenderedRelease r, String kind, String name, String field) {
        return find(r, kind, name).get("spec", field, "name");
    }

    private static GenericKubernetesResource find(RenderedRelease r, String kind, String name) {
        return r.others().stream()
                .filter(o ->
                        o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
