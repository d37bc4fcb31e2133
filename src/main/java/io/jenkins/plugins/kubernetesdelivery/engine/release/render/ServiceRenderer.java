package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Renders a shared Service (selector naming the release) and its {@code <name>-preview} twin. */
final class ServiceRenderer {

    private ServiceRenderer() {}

    static RenderedRelease.ServicePair render(
            Service s, ReleaseMetadata meta, List<Deployment> deployments, List<String> problems) {
        String name = s.getMetadata().getName();
        KubernetesNames.checkDns1035Label(name).ifPresent(p -> problems.add("Service name '" + name + "' " + p));
        String previewName = name + RenderedRelease.PREVIEW_SUFFIX;
        if (previewName.length() > KubernetesNames.LABEL_MAX) {
            problems.add("Service name '" + name + "' is too long for its preview Service '" + previewName
                    + "' (at most " + (KubernetesNames.LABEL_MAX - RenderedRelease.PREVIEW_SUFFIX.length())
                    + " characters)");
        }
        Map<String, String> given = s.getSpec() == null ? null : s.getSpec().getSelector();
        if (given == null || given.isEmpty()) {
            problems.add("Service " + name + " has no spec.selector; a Service without selector cannot be switched");
            return null;
        }
        boolean selectsPods = deployments.stream()
                .anyMatch(d -> d.getSpec() != null
                        && d.getSpec().getTemplate() != null
                        && d.getSpec().getTemplate().getMetadata() != null
                        && d.getSpec().getTemplate().getMetadata().getLabels() != null
                        && d.getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels()
                                .entrySet()
                                .containsAll(given.entrySet()));
        if (!selectsPods) {
            problems.add("Service " + name + " selector " + given + " matches the pods of no Deployment in the"
                    + " manifests");
        }
        Map<String, String> selector = new LinkedHashMap<>(given);
        selector.put(ReleaseLabels.APP, meta.app());
        selector.put(ReleaseLabels.RELEASE, meta.release());

        ObjectMeta m = s.getMetadata();
        m.setResourceVersion(null);
        m.setUid(null);
        m.setManagedFields(null);
        m.setCreationTimestamp(null);
        s.setStatus(null);
        RenderSupport.label(m, meta, false);
        s.getSpec().setSelector(selector);

        List<ServicePort> ports = s.getSpec().getPorts() == null
                ? List.of()
                : s.getSpec().getPorts().stream()
                        .map(p -> new ServicePortBuilder()
                                .withName(p.getName())
                                .withPort(p.getPort())
                                .withTargetPort(p.getTargetPort())
                                .withProtocol(p.getProtocol())
                                .withAppProtocol(p.getAppProtocol())
                                .build())
                        .toList();
        Service preview = new ServiceBuilder()
                .withNewMetadata()
                .withName(previewName)
                .withNamespace(m.getNamespace())
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withPorts(ports)
                .withSelector(selector)
                .endSpec()
                .build();
        RenderSupport.label(preview.getMetadata(), meta, true);
        return new RenderedRelease.ServicePair(name, RenderSupport.generic(s), RenderSupport.generic(preview));
    }

    /** Records the whole selector of every Service of the release on each of its Deployments (D-6 of the audit). */
    static void recordSelectors(List<RenderedRelease.ServicePair> pairs, List<GenericKubernetesResource> deployments) {
        if (pairs.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> selectors = new TreeMap<>();
        for (RenderedRelease.ServicePair pair : pairs) {
            Map<String, String> selector = pair.main().get("spec", "selector");
            selectors.put(pair.name(), new TreeMap<>(selector));
        }
        String json = Serialization.asJson(selectors);
        for (GenericKubernetesResource d : deployments) {
            d.getMetadata().getAnnotations().put(ReleaseLabels.SELECTORS, json);
        }
    }

    /**
     * Refuses Services named {@code <name>-preview}: that name belongs to the preview Service the engine creates next
     * to Service {@code <name>}, and rollbacks and reverts never switch a Service with that name.
     */
    static void checkPreviewNames(List<Service> inManifests, List<String> named, List<String> problems) {
        Set<String> names = new LinkedHashSet<>();
        inManifests.forEach(s -> names.add(s.getMetadata().getName()));
        names.addAll(named);
        for (String name : names) {
            if (name != null && name.endsWith(RenderedRelease.PREVIEW_SUFFIX)) {
                String base = name.substring(0, name.length() - RenderedRelease.PREVIEW_SUFFIX.length());
                problems.add("Service " + name + " is named like the preview of Service " + base + ", which the"
                        + " engine creates and switches itself; rename it (names ending in "
                        + RenderedRelease.PREVIEW_SUFFIX + " are reserved)");
            }
        }
    }
}
