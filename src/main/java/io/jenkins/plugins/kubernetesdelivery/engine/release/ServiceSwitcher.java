package io.jenkins.plugins.kubernetesdelivery.engine.release;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
        return Conflicts.retry(
                MAX_ATTEMPTS,
                () -> {
                    Service current = client.services()
                            .inNamespace(namespace)
                            .withName(name)
                            .get();
                    if (current != null && to.equals(selected(current))) {
                        return false;
                    }
                    if (current != null && !Objects.equals(from, selected(current))) {
                        throw concurrentChange(current, from, to);
                    }
                    GenericKubernetesResource desired = Serialization.clone(rendered);
                    desired.getMetadata().setNamespace(namespace);
                    if (current != null) {
                        desired.getMetadata()
                                .setResourceVersion(current.getMetadata().getResourceVersion());
                    }
                    try {
                        client.resource(desired)
                                .fieldManager(DeliveryLabels.FIELD_MANAGER)
                                .forceConflicts()
                                .serverSideApply();
                        return true;
                    } catch (KubernetesClientException e) {
                        throw Conflicts.is(e) ? e : failed(name, to, e);
                    }
                },
                e -> failed(name, to, e));
    }

    /** Rollback switch of a Service the release did not render: its app and release keys only. */
    boolean patch(String app, String name, String from, String to) {
        return patch(app, name, null, from, to, null);
    }

    /**
     * Rollback switch: one merge patch of the selector, guarded by the resourceVersion. With {@code whole} (the
     * selector the target release recorded for this Service) the selector becomes exactly that, keys the newer
     * release added included; without, only its app and release keys are set.
     */
    boolean patch(String app, String name, String from, String to, Map<String, String> whole) {
        return patch(app, name, null, from, to, whole);
    }

    /**
     * The same, first with the Service as {@code listed} (just read, e.g. by {@link #appServices}): no GET unless
     * the patch meets a conflict.
     */
    boolean patch(String app, Service listed, String from, String to, Map<String, String> whole) {
        return patch(app, listed.getMetadata().getName(), listed, from, to, whole);
    }

    private boolean patch(String app, String name, Service listed, String from, String to, Map<String, String> whole) {
        Service[] known = {listed};
        return Conflicts.retry(
                MAX_ATTEMPTS,
                () -> {
                    Service current = known[0] != null
                            ? known[0]
                            : client.services()
                                    .inNamespace(namespace)
                                    .withName(name)
                                    .get();
                    known[0] = null;
                    if (current == null) {
                        throw new ReleaseException("Service " + namespace + "/" + name
                                + " does not exist; cannot switch it" + " to " + to);
                    }
                    if (to.equals(selected(current))) {
                        return false;
                    }
                    if (!Objects.equals(from, selected(current))) {
                        throw concurrentChange(current, from, to);
                    }
                    try {
                        boolean exact = whole != null && to.equals(whole.get(ReleaseLabels.RELEASE));
                        mergeSelector(
                                current,
                                exact ? whole : Map.of(ReleaseLabels.APP, app, ReleaseLabels.RELEASE, to),
                                exact);
                        return true;
                    } catch (KubernetesClientException e) {
                        throw Conflicts.is(e) ? e : failed(name, to, e);
                    }
                },
                e -> failed(name, to, e));
    }

    /**
     * The Services of the app whose selector names one of its releases, by name: the ones a deploy or rollback
     * switches. Not the previews.
     */
    List<Service> appServices(String app) {
        return client.services().inNamespace(namespace).list().getItems().stream()
                .filter(s -> s.getSpec() != null
                        && s.getSpec().getSelector() != null
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
        Map<String, Map<String, String>> recorded = null;
        for (Service s : appServices(app)) {
            if (!failed.equals(selected(s))) {
                continue;
            }
            if (recorded == null) {
                recorded = back == null
                        ? Map.of()
                        : recordedSelectors(ReleaseInventory.deployments(client, namespace, app, back));
            }
            Map<String, String> whole = recorded.get(s.getMetadata().getName());
            Map<String, String> selector = new HashMap<>();
            if (whole != null) {
                selector.putAll(whole); // exactly the selector rendered by the release it goes back to
            } else {
                selector.put(ReleaseLabels.RELEASE, back); // null: no release was live, the key is removed
            }
            try {
                mergeSelector(s, selector, whole != null);
            } catch (KubernetesClientException e) {
                cause.addSuppressed(e);
                stuck.add(s.getMetadata().getName());
            }
        }
        return stuck;
    }

    /**
     * After a failed deploy: every preview Service ({@code <name>-preview}) of the app that selects {@code failed}
     * (a release scaled to 0) gets the selector of its Service {@code <name>} again, so that it previews the live
     * release. A preview whose Service is missing or still selects {@code failed} is left alone; errors go to
     * {@code cause}. Returns the previews reset.
     */
    List<String> resetPreviews(String app, String failed, RuntimeException cause) {
        List<String> reset = new ArrayList<>();
        for (Service preview : client.services()
                .inNamespace(namespace)
                .withLabel(ReleaseLabels.APP, app)
                .list()
                .getItems()) {
            String name = preview.getMetadata().getName();
            if (!name.endsWith(RenderedRelease.PREVIEW_SUFFIX) || !failed.equals(selected(preview))) {
                continue;
            }
            try {
                Service main = client.services()
                        .inNamespace(namespace)
                        .withName(name.substring(0, name.length() - RenderedRelease.PREVIEW_SUFFIX.length()))
                        .get();
                String live = main == null ? null : selected(main);
                if (live != null && !live.equals(failed)) {
                    mergeSelector(preview, main.getSpec().getSelector(), true);
                    reset.add(name);
                }
            } catch (KubernetesClientException e) {
                cause.addSuppressed(e);
            }
        }
        return reset;
    }

    /**
     * A JSON merge patch of the Service's selector, guarded by the resourceVersion it was read with: the keys of
     * {@code selector} are set (a null value removes the key). When {@code whole}, it is the whole selector: every
     * other key of the current selector is removed.
     */
    private void mergeSelector(Service current, Map<String, String> selector, boolean whole) {
        ObjectNode patch = Serialization.jsonMapper().createObjectNode();
        patch.putObject("metadata").put("resourceVersion", current.getMetadata().getResourceVersion());
        ObjectNode keys = patch.putObject("spec").putObject("selector");
        Map<String, String> now = current.getSpec().getSelector() == null
                ? Map.of()
                : current.getSpec().getSelector();
        if (whole) {
            now.keySet().stream().filter(k -> !selector.containsKey(k)).forEach(keys::putNull);
        }
        selector.forEach((k, v) -> {
            if (v == null) {
                keys.putNull(k);
            } else {
                keys.put(k, v);
            }
        });
        // on the object itself: fabric8's patch of a resource named only by withName(...) GETs it first
        client.services()
                .inNamespace(namespace)
                .resource(current)
                .patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .withFieldManager(DeliveryLabels.FIELD_MANAGER)
                                .build(),
                        patch.toString());
    }

    /**
     * The whole selectors a release recorded for the Services of its manifests (annotation
     * {@link ReleaseLabels#SELECTORS} on its Deployments), by Service name; empty for a release deployed before it
     * was recorded, or when the annotation is not readable.
     */
    static Map<String, Map<String, String>> recordedSelectors(List<Deployment> deployments) {
        for (Deployment d : deployments) {
            String json = d.getMetadata().getAnnotations() == null
                    ? null
                    : d.getMetadata().getAnnotations().get(ReleaseLabels.SELECTORS);
            if (json != null) {
                try {
                    return Serialization.jsonMapper()
                            .readValue(json, new TypeReference<Map<String, Map<String, String>>>() {});
                } catch (java.io.IOException | RuntimeException e) {
                    return Map.of();
                }
            }
        }
        return Map.of();
    }

    /** The progress line of one Service's switch: {@code sent} from {@code from}, or it already selected {@code to}. */
    static String switchLine(String namespace, String service, String from, String to, boolean sent) {
        return "Service " + namespace + "/" + service
                + (sent
                        ? " switched from " + (from == null ? "nothing" : from) + " to " + to
                        : " already selects " + to);
    }

    private static String selected(Service s) {
        return s.getSpec() == null || s.getSpec().getSelector() == null
                ? null
                : s.getSpec().getSelector().get(ReleaseLabels.RELEASE);
    }

    private ReleaseException failed(String name, String to, KubernetesClientException e) {
        return new ReleaseException(
                "cannot switch Service " + namespace + "/" + name + " to " + to + ": " + ApiErrors.reason(e), e);
    }

    private ReleaseException concurrentChange(Service current, String from, String to) {
        return new ReleaseException("Service " + namespace + "/"
                + current.getMetadata().getName() + " selects "
                + (selected(current) == null ? "no release" : selected(current)) + ", not "
                + (from == null ? "nothing" : from) + " as expected: concurrent change by " + selectorManager(current)
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
                    best = e.getManager() + " (" + e.getOperation() + (e.getTime() == null ? "" : " at " + e.getTime())
                            + ")";
                    bestTime = time;
                }
            }
        }
        return best == null ? "an unknown writer" : best;
    }
}
