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
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RenderedRelease;
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
        for (int attempt = 1; ; attempt++) {
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
                if (e.getCode() != 409 || attempt >= MAX_ATTEMPTS) {
                    throw failed(name, to, e);
                }
            }
        }
    }

    /** Rollback switch: one merge patch of the selector's release label, guarded by the resourceVersion. */
    boolean patch(String app, String name, String from, String to) {
        for (int attempt = 1; ; attempt++) {
            Service current = client.services().inNamespace(namespace).withName(name).get();
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
            Map<String, Object> patch = Map.of(
                    "metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()),
                    "spec", Map.of("selector", Map.of(ReleaseLabels.APP, app, ReleaseLabels.RELEASE, to)));
            try {
                client.services().inNamespace(namespace).withName(name).patch(new PatchContext.Builder()
                        .withPatchType(PatchType.JSON_MERGE).withFieldManager(DeliveryLabels.FIELD_MANAGER).build(),
                        Serialization.asJson(patch));
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= MAX_ATTEMPTS) {
                    throw failed(name, to, e);
                }
            }
        }
    }

    /**
     * Points every Service of the app (not the previews) that selects {@code failed} back at {@code back} (or, when
     * no release was live, drops the release from its selector), each as a guarded merge patch. Returns the Services that still
     * select {@code failed} because patching them failed; their errors are added to {@code cause}.
     */
    java.util.List<String> revert(String app, String failed, String back, RuntimeException cause) {
        java.util.List<String> stuck = new java.util.ArrayList<>();
        for (Service s : client.services().inNamespace(namespace).list().getItems()) {
            if (!failed.equals(selected(s)) || !app.equals(s.getSpec().getSelector().get(ReleaseLabels.APP))
                    || s.getMetadata().getName().endsWith(RenderedRelease.PREVIEW_SUFFIX)) {
                continue;
            }
            Map<String, Object> selector = new java.util.HashMap<>();
            selector.put(ReleaseLabels.RELEASE, back);
            Map<String, Object> patch = Map.of(
                    "metadata", Map.of("resourceVersion", s.getMetadata().getResourceVersion()),
                    "spec", Map.of("selector", selector));
            try {
                client.services().inNamespace(namespace).withName(s.getMetadata().getName()).patch(
                        new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                                .withFieldManager(DeliveryLabels.FIELD_MANAGER).build(), Serialization.asJson(patch));
            } catch (KubernetesClientException e) {
                cause.addSuppressed(e);
                stuck.add(s.getMetadata().getName());
            }
        }
        return stuck;
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
