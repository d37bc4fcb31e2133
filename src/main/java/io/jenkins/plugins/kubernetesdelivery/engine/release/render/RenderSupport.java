package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the renderers of a release share: typed and unstructured views of an object, the name check and the release's
 * labels. The renderers call it; it calls none of them.
 */
final class RenderSupport {

    private RenderSupport() {}

    static <T> T convert(GenericKubernetesResource o, Class<T> type, ManifestParser.Parsed p, List<String> problems) {
        try {
            T typed = Serialization.jsonMapper().convertValue(o, type);
            List<String> unknown = new ArrayList<>();
            UnknownFields.find(typed, "", unknown);
            if (!unknown.isEmpty()) {
                problems.add(p.describe() + " has unknown fields: " + String.join(", ", unknown));
            }
            return typed;
        } catch (IllegalArgumentException e) {
            problems.add(p.describe() + " does not match the " + type.getSimpleName() + " schema: "
                    + ApiErrors.oneLine(e.getMessage()));
            return null;
        }
    }

    static GenericKubernetesResource generic(Object typed) {
        return Serialization.jsonMapper().convertValue(typed, GenericKubernetesResource.class);
    }

    static void checkName(GenericKubernetesResource o, List<String> problems) {
        KubernetesNames.checkDns1123Subdomain(o.getMetadata().getName())
                .ifPresent(p ->
                        problems.add(o.getKind() + " name '" + o.getMetadata().getName() + "' " + p));
    }

    /** Adds the release's labels (all, or the app ones only) and, for release objects, its annotations. */
    static void label(ObjectMeta m, ReleaseMetadata meta, boolean releaseObject) {
        Map<String, String> labels = new LinkedHashMap<>(m.getLabels() == null ? Map.of() : m.getLabels());
        Map<String, String> ours = meta.labels();
        if (!releaseObject) {
            ours.remove(ReleaseLabels.RELEASE);
            ours.remove(DeliveryLabels.VERSION);
        }
        labels.putAll(ours);
        labels.putIfAbsent(DeliveryLabels.NAME, meta.app());
        m.setLabels(labels);
        if (releaseObject) {
            Map<String, String> annotations =
                    new LinkedHashMap<>(m.getAnnotations() == null ? Map.of() : m.getAnnotations());
            annotations.putAll(meta.annotations());
            m.setAnnotations(annotations);
        }
    }
}
