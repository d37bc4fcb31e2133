package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders one Deployment of a release: {@code <name>-v<N>}, selector and pods labeled with the release. */
final class DeploymentRenderer {

    private DeploymentRenderer() {}

    static GenericKubernetesResource render(
            Deployment d, ReleaseMetadata meta, String suffix, Map<String, Integer> replicas, List<String> problems) {
        String base = d.getMetadata().getName();
        ObjectMeta m = d.getMetadata();
        m.setName(base + suffix);
        m.setResourceVersion(null);
        m.setUid(null);
        m.setCreationTimestamp(null);
        m.setManagedFields(null);
        m.setGeneration(null);
        d.setStatus(null);
        RenderSupport.label(m, meta, true);
        int n = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        if (n < 1) {
            problems.add("Deployment " + base + " must have at least 1 replica (has " + n + ")");
        }
        d.getSpec().setReplicas(n);
        m.getAnnotations().put(ReleaseLabels.REPLICAS, Integer.toString(n));
        replicas.put(m.getName(), n);

        LabelSelector selector = d.getSpec().getSelector() == null
                ? new LabelSelector()
                : d.getSpec().getSelector();
        Map<String, String> match =
                new LinkedHashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        match.put(ReleaseLabels.APP, meta.app());
        match.put(ReleaseLabels.RELEASE, meta.release());
        selector.setMatchLabels(match);
        d.getSpec().setSelector(selector);

        ObjectMeta pod = d.getSpec().getTemplate().getMetadata() == null
                ? new ObjectMeta()
                : d.getSpec().getTemplate().getMetadata();
        Map<String, String> podLabels = new LinkedHashMap<>(pod.getLabels() == null ? Map.of() : pod.getLabels());
        podLabels.putAll(meta.labels());
        pod.setLabels(podLabels);
        d.getSpec().getTemplate().setMetadata(pod);

        GenericKubernetesResource out = RenderSupport.generic(d);
        RenderSupport.checkName(out, problems);
        if (m.getName().length() > 200) {
            problems.add("Deployment name '" + m.getName() + "' is longer than 200 characters; its ReplicaSets"
                    + " and pods would exceed the name limit");
        }
        return out;
    }
}
