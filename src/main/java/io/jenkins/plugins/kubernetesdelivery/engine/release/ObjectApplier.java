package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiResources;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RenderedRelease;
import java.util.ArrayList;
import java.util.List;

/** Server-side apply of a release's objects as unstructured resources, with field manager kubernetes-delivery. */
final class ObjectApplier {

    /** Server-side apply that rejects unknown or duplicate fields, so a typo in a manifest fails loudly. */
    static final PatchContext STRICT_APPLY = new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(DeliveryLabels.FIELD_MANAGER)
            .withFieldValidation("Strict")
            .build();

    /** {@link #STRICT_APPLY} taking the fields over: for objects the engine also changes with a patch. */
    static final PatchContext FORCED_APPLY = new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(DeliveryLabels.FIELD_MANAGER)
            .withFieldValidation("Strict")
            .withForce(true)
            .build();

    private ObjectApplier() {}

    /**
     * Objects applied with forced ownership: those that follow the live release, and the preview Services (a failed
     * deploy points a preview back at the live release with a patch; names ending in {@code -preview} are refused
     * for users' Services, so these are the engine's own).
     */
    private static boolean forced(GenericKubernetesResource o) {
        if ("Service".equals(o.getKind()) && o.getMetadata().getName().endsWith(RenderedRelease.PREVIEW_SUFFIX)) {
            return true;
        }
        return o.getMetadata().getAnnotations() != null
                && ReleaseLabels.FOLLOWS_LIVE.equals(
                        o.getMetadata().getAnnotations().get(ReleaseLabels.FOLLOWS));
    }

    /**
     * Read only: fails naming the object when the cluster serves no such kind (a CRD missing, a typo), and when an
     * object is cluster-scoped (discovery says its kind is not namespaced) unless {@code allowClusterScoped}: a
     * release changes its own namespace only.
     *
     * @return the cluster-scoped objects ({@code Kind name}), empty when there are none
     */
    static List<String> checkServed(
            ApiResources api, List<GenericKubernetesResource> objects, boolean allowClusterScoped) {
        List<String> clusterScoped = new ArrayList<>();
        for (GenericKubernetesResource o : objects) {
            var resource = api.find(o.getApiVersion(), o.getKind())
                    .orElseThrow(() -> new ReleaseException("the cluster serves no kind " + o.getKind() + " in "
                            + o.getApiVersion() + " (" + o.getKind()
                            + " " + o.getMetadata().getName() + "); nothing was changed. Install its"
                            + " CustomResourceDefinition or fix the apiVersion."));
            if (!Boolean.TRUE.equals(resource.getNamespaced())) {
                clusterScoped.add(o.getKind() + " " + o.getMetadata().getName());
            }
        }
        if (!clusterScoped.isEmpty() && !allowClusterScoped) {
            throw new ReleaseException("the manifests hold cluster-scoped objects (" + names(clusterScoped)
                    + "), which would change the whole cluster, not the release's namespace; nothing"
                    + " was changed. Remove them from the manifests, or have an administrator allow cluster-scoped"
                    + " objects for this target.");
        }
        return clusterScoped;
    }

    /** The first ten, then how many more: one line however many objects a manifest holds. */
    static String names(List<String> objects) {
        return objects.size() <= 10
                ? String.join(", ", objects)
                : String.join(", ", objects.subList(0, 10)) + " and " + (objects.size() - 10) + " more";
    }

    /**
     * Applies the objects in order, without forcing conflicts with other field managers. The first rejection
     * stops it, naming the object, the server's reason and what was applied before.
     */
    static void apply(KubernetesClient client, String ns, List<GenericKubernetesResource> objects) {
        apply(client, ns, objects, false);
    }

    /**
     * Read only: a server-side dry run (dryRun=All) of the same apply, so that admission, validation and field
     * ownership conflicts fail before anything changes, naming the object and the server's reason.
     */
    static void dryRun(KubernetesClient client, String ns, List<GenericKubernetesResource> objects) {
        try {
            apply(client, ns, objects, true);
        } catch (ReleaseException e) {
            throw new ReleaseException("dry run: " + e.getMessage() + "; nothing was changed", e.getCause());
        }
    }

    private static void apply(
            KubernetesClient client, String ns, List<GenericKubernetesResource> objects, boolean dryRun) {
        List<String> applied = new ArrayList<>();
        for (GenericKubernetesResource o : objects) {
            o.getMetadata().setNamespace(ns);
            String what = o.getKind() + " " + ns + "/" + o.getMetadata().getName();
            try {
                PatchContext how = forced(o) ? FORCED_APPLY : STRICT_APPLY;
                if (dryRun) {
                    client.resource(o).dryRun().patch(how, o);
                } else {
                    client.resource(o).patch(how, o);
                }
                applied.add(what);
            } catch (KubernetesClientException e) {
                String reason = ApiErrors.reason(e);
                boolean secret = "Secret".equals(o.getKind());
                if (secret) {
                    // validation messages quote offending keys and values: never print a Secret's, nor keep the
                    // client's exception, whose message has them
                    reason = reason.replaceAll("\"[^\"]*\"", "\"****\"").replaceAll("\\[[^\\]]*\\]", "[****]");
                }
                // no HTTP status: the request never got an answer (aborted, or the server cannot be reached)
                String failed = e.getCode() > 0
                        ? "the API server rejected " + what + " (HTTP " + e.getCode() + "): " + reason
                        : OperationFailure.interrupted(e)
                                        || Thread.currentThread().isInterrupted()
                                ? "interrupted while applying " + what + " (the step was aborted)"
                                : "cannot send " + what + " to the API server: " + reason;
                throw new ReleaseException(
                        failed
                                + (dryRun
                                        ? ""
                                        : "; applied before it: "
                                                + (applied.isEmpty() ? "nothing" : String.join(", ", applied))),
                        secret ? null : e);
            }
        }
    }
}
