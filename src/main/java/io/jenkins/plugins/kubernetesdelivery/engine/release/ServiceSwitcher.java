package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Conflicts;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RenderedRelease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Moves a Service's selector from one release to another, as a compare-and-set: only when the selector still
 * names the expected release, guarded by the resourceVersion read. A conflict re-reads and retries; a selector
 * changed by someone else fails, naming who changed it. Already at the target: nothing is sent.
 */
final class ServiceSwitcher {

    static final int MAX_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String namespace;

    ServiceSwitcher(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * Deploy switch: applies the whole rendered Service (server-side apply, selector naming the new release)
     * if it selects {@code from}; creates it when it does not exist yet. Returns false when it already selected
     * the target, so nothing was sent.
     */
    boolean apply(GenericKubernetesResource rendered, String from, String to) {
        String name = rendered.getMetadata().getName();
        return Conflicts.retry(MAX_ATTEMPTS, () -> {
            Service current = client.services().inNamespace(namespace).withName(name).get();
            if (current != null && to.equals(selected(current))) {
                return false;
            }
            if (current != null && !Objects.equals(from, selected(current))) {
                throw concurrentChange(current, from, to);
            }
            GenericKubernetesResource desired = Serialization.clone(rendered);
            desired.getMetadata().setNamespace(namespace);
            if (current != null) {
                desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            }
            try {
                client.resource(desired).fieldManager(DeliveryLabels.FIELD_MANAGER).forceConflicts()
                        .serverSideApply();
                return true;
            } catch (KubernetesClientException e) {
                throw Conflicts.is(e) ? e : failed(name, to, e);
            }
        }, e -> failed(name, to, e));
    }

    /** Rollback switch: one merge patch of the selector's release label, guarded by the resourceVersion. */
    boolean patch(String app, String name, String from, String to) {
        return patch(app, name, null, from, to);
    }

    /**
     * The same, first with the Service as {@code listed} (just read, e.g. by {@link #appServices}): no GET unless
     * the patch meets a conflict.
     */
    boolean patch(String app, Service listed, String from, String to) {
        return patch(app, listed.getMetadata().getName(), listed, from, to);
    }

    private boolean patch(String app, String name, Service listed, String from, String to) {
        Service[] known = {listed};
        return Conflicts.retry(MAX_ATTEMPTS, () -> {
            Service current = known[0] != null ? known[0]
                    : client.services().inNamespace(namespace).withName(name).get();
            known[0] = null;
            if (current == null) {
                throw new ReleaseException("Service " + namespace + "/" + name + " does not exist; cannot switch it"
                        + " to " + to);
            }
            if (to.equals(selected(current))) {
                return false;
            }
            if (!Objects.equals(from, selected(current))) {
                throw concurrentChange(current, from, to);
            }
            try {
                mergeSelector(current, Map.of(ReleaseLabels.APP, app, ReleaseLabels.RELEASE, to));
                return true;
            } catch (KubernetesClientException e) {
                throw Conflicts.is(e) ? e : failed(name, to, e);
            }
        }, e -> failed(name, to, e));
    }

    /**
     * The Services of the app whose selector names one of its releases, by name: the ones a deploy or rollback
     * switches. Not the previews.
     */
    List<Service> appServices(String app) {
        return client.services().inNamespace(namespace).list().getItems().stream()
                .filter(s -> s.getSpec() != null && s.getSpec().getSelector() != null
                        && app.equals(s.getSpec().getSelector().get(ReleaseLabels.APP))
                        && s.getSpec().getSelector().containsKey(ReleaseLabels.RELEASE)
                        && !s.getMetadata().getName().endsWith(RenderedRelease.PREVIEW_SUFFIX))
                .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .toList();
    }

    /**
     * Points every Service of the app (not the previews) that selects {@code failed} back at {@code back} (or, when
     * no release was live, drops the release from its selector), each as a guarded merge patch. Returns the Services
     * that still select {@code failed} because patching them failed; their errors are added to {@code cause}.
     */
    List<String> revert(String app, String failed, String back, RuntimeException cause) {
        List<String> stuck = new ArrayList<>();
        for (Service s : appServices(app)) {
            if (!failed.equals(selected(s))) {
                continue;
            }
            Map<String, Object> selector = new HashMap<>();
            selector.put(ReleaseLabels.RELEASE, back);
            try {
                mergeSelector(s, selector);
            } catch (KubernetesClientException e) {
                cause.addSuppressed(e);
                stuck.add(s.getMetadata().getName());
            }
        }
        return stuck;
    }

    /** A JSON merge patch of the Service's selector, guarded by the resourceVersion it was read with. */
    private void mergeSelector(Service current, Map<String, ?> selector) {
        Map<String, Object> patch = Map.of(
                "metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()),
                "spec", Map.of("selector", selector));
        // on the object itself: fabric8's patch of a resource named only by withName(...) GETs it first
        client.services().inNamespace(namespace).resource(current).patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                        .withFieldManager(DeliveryLabels.FIELD_MANAGER).build(), Serialization.asJson(patch));
    }

    /** The progress line of one Service's switch: {@code sent} from {@code from}, or it already selected {@code to}. */
    static String switchLine(String namespace, String service, String from, String to, boolean sent) {
        return "Service " + namespace + "/" + service + (sent ? " switched from " + (from == null ? "nothing"
                : from) + " to " + to : " already selects " + to);
    }

    private static String selected(Service s) {
        return s.getSpec() == null || s.getSpec().getSelector() == null ? null
                : s.getSpec().getSelector().get(ReleaseLabels.RELEASE);
    }

    private ReleaseException failed(String name, String to, KubernetesClientException e) {
        return new ReleaseException("cannot switch Service " + namespace + "/" + name + " to " + to + ": "
                + ApiErrors.reason(e), e);
    }

    private ReleaseException concurrentChange(Service current, String from, String to) {
        return new ReleaseException("Service " + namespace + "/" + current.getMetadata().getName() + " selects "
                + (selected(current) == null ? "no release" : selected(current)) + ", not " + (from == null
                ? "nothing" : from) + " as expected: concurrent change by " + selectorManager(current)
                + "; not switching it to " + to + ". Check who changed it, then deploy or roll back again.");
    }

    /** The field manager that last wrote the Service's selector, from managedFields. */
    static String selectorManager(Service s) {
        String best = null;
        String bestTime = "";
        if (s.getMetadata().getManagedFields() != null) {
            for (ManagedFieldsEntry e : s.getMetadata().getManagedFields()) {
                Object fields = e.getFieldsV1() == null ? null : e.getFieldsV1().getAdditionalProperties();
                String json = fields == null ? "" : Serialization.asJson(fields);
                String time = e.getTime() == null ? "" : e.getTime();
                if (json.contains("\"f:selector\"") && time.compareTo(bestTime) >= 0) {
                    best = e.getManager() + " (" + e.getOperation() + (e.getTime() == null ? "" : " at "
                            + e.getTime()) + ")";
                    bestTime = time;
                }
            }
        }
        return best == null ? "an unknown writer" : best;
    }
}
