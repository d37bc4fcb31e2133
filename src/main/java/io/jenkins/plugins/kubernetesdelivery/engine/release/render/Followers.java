package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shared objects that must follow the live release, like the Services' selectors: autoscalers whose target names a
 * Deployment of the manifests (HPA and KEDA {@code spec.scaleTargetRef}, VPA {@code spec.targetRef}) get the
 * release's Deployment name; PodDisruptionBudgets whose selector matches a Deployment's pods get the app and release
 * keys. Shared objects change only after the switch, so they name the live release; a rollback retargets them as the
 * target recorded ({@link ReleaseLabels#FOLLOWERS}).
 */
final class Followers {

    /** A recorded follower: the object, the field it points with, and for a target reference its Deployment. */
    record Follower(String apiVersion, String kind, String name, String field, String deployment) {}

    private Followers() {}

    /**
     * Retargets the followers among {@code others} at release {@code meta} (Deployment names get {@code suffix})
     * and returns them. {@code deployments} are the manifests' Deployments, not yet renamed.
     */
    static List<Follower> retarget(
            List<GenericKubernetesResource> others, List<Deployment> deployments, ReleaseMetadata meta, String suffix) {
        Set<String> names =
                deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        List<Follower> out = new ArrayList<>();
        for (GenericKubernetesResource o : others) {
            String api = o.getApiVersion() == null ? "" : o.getApiVersion();
            String field =
                    switch (o.getKind()) {
                        case "HorizontalPodAutoscaler" -> api.startsWith("autoscaling/") ? "scaleTargetRef" : null;
                        case "ScaledObject" -> api.startsWith("keda.sh/") ? "scaleTargetRef" : null;
                        case "VerticalPodAutoscaler" -> api.startsWith("autoscaling.k8s.io/") ? "targetRef" : null;
                        default -> null;
                    };
            if (field != null) {
                Map<String, Object> ref = o.get("spec", field);
                String name = ref == null || !(ref.get("name") instanceof String n) ? null : n;
                Object kind = ref == null ? null : ref.get("kind");
                Object version = ref == null ? null : ref.get("apiVersion");
                if (name != null
                        && names.contains(name)
                        && (kind == null || "Deployment".equals(kind))
                        && (version == null || "apps/v1".equals(version))) {
                    ref.put("name", name + suffix);
                    mark(o);
                    out.add(new Follower(
                            o.getApiVersion(),
                            o.getKind(),
                            o.getMetadata().getName(),
                            "spec." + field + ".name",
                            name));
                }
            } else if ("PodDisruptionBudget".equals(o.getKind()) && "policy/v1".equals(api)) {
                Map<String, Object> selector = o.get("spec", "selector");
                Object match = selector == null ? null : selector.get("matchLabels");
                if (match instanceof Map<?, ?> m && !m.isEmpty() && selectsPods(m, deployments)) {
                    Map<Object, Object> labels = new LinkedHashMap<>(m);
                    labels.put(ReleaseLabels.APP, meta.app());
                    labels.put(ReleaseLabels.RELEASE, meta.release());
                    selector.put("matchLabels", labels);
                    mark(o);
                    out.add(new Follower(
                            o.getApiVersion(),
                            o.getKind(),
                            o.getMetadata().getName(),
                            "spec.selector.matchLabels",
                            null));
                }
            }
        }
        return out;
    }

    private static void mark(GenericKubernetesResource o) {
        Map<String, String> a = new LinkedHashMap<>(
                o.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : o.getMetadata().getAnnotations());
        a.put(ReleaseLabels.FOLLOWS, ReleaseLabels.FOLLOWS_LIVE);
        o.getMetadata().setAnnotations(a);
    }

    private static boolean selectsPods(Map<?, ?> matchLabels, List<Deployment> deployments) {
        return deployments.stream()
                .anyMatch(d -> d.getSpec() != null
                        && d.getSpec().getTemplate() != null
                        && d.getSpec().getTemplate().getMetadata() != null
                        && d.getSpec().getTemplate().getMetadata().getLabels() != null
                        && d.getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels()
                                .entrySet()
                                .containsAll(matchLabels.entrySet()));
    }

    /** The followers as the annotation {@link ReleaseLabels#FOLLOWERS} records them on the release's Deployments. */
    static void record(List<Follower> followers, List<GenericKubernetesResource> deployments) {
        if (followers.isEmpty()) {
            return;
        }
        String json = Serialization.asJson(followers);
        deployments.forEach(d -> d.getMetadata().getAnnotations().put(ReleaseLabels.FOLLOWERS, json));
    }
}
