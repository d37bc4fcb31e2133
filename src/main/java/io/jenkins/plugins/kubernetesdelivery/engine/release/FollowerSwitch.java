package io.jenkins.plugins.kubernetesdelivery.engine.release;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a rollback's switch: the shared objects that follow the live release (annotation
 * {@link ReleaseLabels#FOLLOWERS} of the target) are pointed at the target, one merge patch each. Autoscalers get
 * the target's Deployment name, PodDisruptionBudgets its app and release keys. A failure is a warning: the traffic is
 * already on the target.
 */
final class FollowerSwitch {

    private final OperationContext ctx;

    FollowerSwitch(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** The followers recorded on a release's Deployments; empty when none are, or the annotation is unreadable. */
    static List<Map<String, String>> recorded(List<Deployment> deployments) {
        for (Deployment d : deployments) {
            String json = d.getMetadata().getAnnotations() == null
                    ? null
                    : d.getMetadata().getAnnotations().get(ReleaseLabels.FOLLOWERS);
            if (json != null) {
                try {
                    return Serialization.jsonMapper()
                            .readValue(json, new TypeReference<List<Map<String, String>>>() {});
                } catch (java.io.IOException | RuntimeException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    /** Points every recorded follower of {@code release} at it; returns the objects it could not change. */
    List<String> retarget(String release, List<Deployment> deployments) {
        List<String> failed = new ArrayList<>();
        for (Map<String, String> f : recorded(deployments)) {
            String what = f.get("kind") + " " + ctx.namespace() + "/" + f.get("name");
            ObjectNode patch = Serialization.jsonMapper().createObjectNode();
            ObjectNode spec = patch.putObject("spec");
            if ("spec.selector.matchLabels".equals(f.get("field"))) {
                spec.putObject("selector")
                        .putObject("matchLabels")
                        .put(ReleaseLabels.APP, ctx.app())
                        .put(ReleaseLabels.RELEASE, release);
            } else if (f.get("field") != null && f.get("field").startsWith("spec.") && f.get("deployment") != null) {
                String ref = f.get("field").split("\\.")[1];
                spec.putObject(ref).put("name", f.get("deployment") + "-" + release);
            } else {
                continue;
            }
            try {
                var resource = ctx.client()
                        .genericKubernetesResources(f.get("apiVersion"), f.get("kind"))
                        .inNamespace(ctx.namespace())
                        .withName(f.get("name"));
                if (resource.get() == null) {
                    continue;
                }
                resource.patch(
                        new PatchContext.Builder()
                                .withPatchType(PatchType.JSON_MERGE)
                                .withFieldManager(DeliveryLabels.FIELD_MANAGER)
                                .build(),
                        patch.toString());
                ctx.progress().line(what + " follows " + release);
            } catch (RuntimeException e) {
                failed.add(what + " ("
                        + (e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
                                ? ApiErrors.reason(k)
                                : ApiErrors.oneLine(e.getMessage()))
                        + ")");
            }
        }
        return failed;
    }
}
