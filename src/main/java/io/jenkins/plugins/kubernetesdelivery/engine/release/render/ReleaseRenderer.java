package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseMetadata;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request's manifests into the objects of release {@code v<N>}. Pure: no cluster access. Problems
 * (names too long, images not pinned, selectors that match nothing) are collected, never thrown.
 */
public final class ReleaseRenderer {

    private ReleaseRenderer() {}

    /**
     * The Deployment when its pod template has containers; otherwise null, with a problem naming the file (a
     * Deployment without {@code spec} or {@code spec.template} is never rendered).
     */
    private static Deployment withPodSpec(Deployment d, ManifestParser.Parsed p, List<String> problems) {
        if (d == null) {
            return null;
        }
        var spec = d.getSpec() == null || d.getSpec().getTemplate() == null
                ? null
                : d.getSpec().getTemplate().getSpec();
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            problems.add(p.describe() + " has no spec.template.spec.containers; a Deployment needs a pod template"
                    + " with at least one container");
            return null;
        }
        return d;
    }

    /** The manifests of a request: its files, or the generated ones for the simple case. */
    static List<ManifestFile> manifests(ReleaseRequest r) {
        if (!r.manifests().isEmpty() || r.simple() == null) {
            return r.manifests();
        }
        String image = r.images().isEmpty() ? "" : r.images().get(0);
        return List.of(
                SimpleManifests.generate(r.app(), ImageRef.check(image).isEmpty() ? image : "invalid", r.simple()));
    }

    /**
     * The objects of release {@code number} of the request, allocated {@code at}; every problem found is added to
     * {@code problems} (the result is then incomplete and must not be applied).
     */
    public static RenderedRelease render(ReleaseRequest r, int number, Instant at, List<String> problems) {
        List<ManifestParser.Parsed> parsed = ManifestParser.parse(manifests(r), problems);
        String suffix = "-" + ReleaseMetadata.id(number);
        Set<String> configMaps = new LinkedHashSet<>();
        Set<String> secrets = new LinkedHashSet<>();
        List<Deployment> deployments = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<GenericKubernetesResource> configs = new ArrayList<>();
        List<GenericKubernetesResource> others = new ArrayList<>();
        boolean sawDeployment = false;
        for (ManifestParser.Parsed p : parsed) {
            GenericKubernetesResource o = p.object();
            String ns = o.getMetadata().getNamespace();
            if (ns != null && !ns.equals(r.namespace())) {
                problems.add(
                        p.describe() + " is in namespace " + ns + ", not the release's namespace " + r.namespace());
                continue;
            }
            String kind = o.getApiVersion() + "/" + o.getKind();
            switch (kind) {
                case "apps/v1/Deployment" -> {
                    sawDeployment = true;
                    deployments.add(withPodSpec(RenderSupport.convert(o, Deployment.class, p, problems), p, problems));
                }
                case "v1/Service" -> services.add(RenderSupport.convert(o, Service.class, p, problems));
                case "v1/ConfigMap" -> {
                    configMaps.add(o.getMetadata().getName());
                    configs.add(o);
                }
                case "v1/Secret" -> {
                    secrets.add(o.getMetadata().getName());
                    configs.add(o);
                }
                default -> {
                    if (o.getKind().equals("Deployment") || o.getKind().equals("Service")) {
                        problems.add(p.describe() + " must use apiVersion "
                                + (o.getKind().equals("Service") ? "v1" : "apps/v1") + " (has " + o.getApiVersion()
                                + ")");
                    } else {
                        others.add(o);
                    }
                }
            }
        }
        deployments.removeIf(d -> d == null);
        services.removeIf(s -> s == null);
        if (!sawDeployment) {
            problems.add("the manifests hold no Deployment (apps/v1); a release needs at least one");
        }
        ImageResolver images = new ImageResolver(r.images(), r.allowTags(), problems);
        Set<String> referenced = new LinkedHashSet<>();
        for (Deployment d : deployments) {
            String owner = "Deployment " + d.getMetadata().getName();
            var spec = d.getSpec() == null || d.getSpec().getTemplate() == null
                    ? null
                    : d.getSpec().getTemplate().getSpec();
            if (spec == null
                    || spec.getContainers() == null
                    || spec.getContainers().isEmpty()) {
                problems.add(owner + " has no spec.template.spec.containers");
                continue;
            }
            for (Container c : PodSpecs.allContainers(spec)) {
                images.resolve(owner, c, problems);
            }
            PodSpecs.renameReferences(
                    spec,
                    n -> rename(n, configMaps, suffix, referenced, "ConfigMap/"),
                    n -> rename(n, secrets, suffix, referenced, "Secret/"));
        }
        images.checkAllUsed(problems);
        List<String> imageList = new ArrayList<>();
        deployments.stream()
                .filter(d -> d.getSpec() != null
                        && d.getSpec().getTemplate() != null
                        && d.getSpec().getTemplate().getSpec() != null)
                .flatMap(d -> PodSpecs.allContainers(d.getSpec().getTemplate().getSpec()).stream())
                .map(Container::getImage)
                .filter(i -> i != null && !imageList.contains(i))
                .forEach(imageList::add);
        ReleaseMetadata meta = new ReleaseMetadata(
                r.app(),
                number,
                imageList,
                r.gitCommit(),
                r.buildUrl(),
                r.schemaVersion(),
                r.approver(),
                r.actor(),
                at);

        List<GenericKubernetesResource> renderedConfigs = new ArrayList<>();
        for (GenericKubernetesResource c : configs) {
            String key = c.getKind() + "/" + c.getMetadata().getName();
            if (referenced.contains(key)) {
                c.getMetadata().setName(c.getMetadata().getName() + suffix);
                RenderSupport.checkName(c, problems);
                RenderSupport.label(c.getMetadata(), meta, true);
                renderedConfigs.add(c);
            } else {
                others.add(c);
            }
        }
        // shared by releases: the app's labels only, no release label or annotation (like the shared Services), so
        // that an unchanged shared object renders the same for every release and is not applied again
        others.forEach(o -> RenderSupport.label(o.getMetadata(), meta, false));
        List<Followers.Follower> followers = Followers.retarget(others, deployments, meta, suffix);
        Map<String, Integer> replicas = new LinkedHashMap<>();
        List<GenericKubernetesResource> renderedDeployments = new ArrayList<>();
        for (Deployment d : deployments) {
            renderedDeployments.add(DeploymentRenderer.render(d, meta, suffix, replicas, problems));
        }
        List<RenderedRelease.ServicePair> pairs = new ArrayList<>();
        for (Service s : services) {
            RenderedRelease.ServicePair pair = ServiceRenderer.render(s, meta, deployments, problems);
            if (pair != null) {
                pairs.add(pair);
            }
        }
        for (String name : r.services()) {
            KubernetesNames.checkDns1035Label(name).ifPresent(p -> problems.add("service '" + name + "' " + p));
        }
        ServiceRenderer.checkPreviewNames(services, r.services(), problems);
        ServiceRenderer.recordSelectors(pairs, renderedDeployments);
        Followers.record(followers, renderedDeployments);
        RenderedRelease rendered =
                new RenderedRelease(meta, renderedConfigs, others, renderedDeployments, pairs, replicas);
        others.forEach(o -> RenderSupport.checkName(o, problems));
        for (GenericKubernetesResource o : rendered.all()) {
            String what = o.getKind() + " " + o.getMetadata().getName();
            checkLabels(what, o.getMetadata().getLabels(), problems);
            if (o.getKind().equals("Deployment")) {
                checkLabels(what + " pod template", o.get("spec", "template", "metadata", "labels"), problems);
            }
        }
        return rendered;
    }

    /** Label keys and values within Kubernetes' rules, so the server never rejects them halfway through. */
    static void checkLabels(String what, Map<String, String> labels, List<String> problems) {
        if (labels == null) {
            return;
        }
        labels.forEach((k, v) -> {
            KubernetesNames.checkQualifiedName(k).ifPresent(p -> problems.add(what + " label key '" + k + "' " + p));
            KubernetesNames.checkLabelValue(v)
                    .ifPresent(p -> problems.add(what + " label " + k + " value '" + v + "' " + p));
        });
    }

    private static String rename(String name, Set<String> ours, String suffix, Set<String> referenced, String kind) {
        if (name != null && ours.contains(name)) {
            referenced.add(kind + name);
            return name + suffix;
        }
        return name;
    }
}
