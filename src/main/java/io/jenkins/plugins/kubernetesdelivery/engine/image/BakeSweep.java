package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.DeliveryLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes the bakes nobody will come back for. {@code activeDeadlineSeconds} only stops a pod's containers (and
 * never a pod that was not scheduled); the pod object and its registry Secret stay. A bake is swept when it is older
 * than the given age and
 * <ul>
 *   <li>its pod has finished ({@code Succeeded} or {@code Failed}, a deadline included), or</li>
 *   <li>its pod is past its own deadline ({@code creationTimestamp + activeDeadlineSeconds}) without having
 *       finished: nothing waits for it any more, or</li>
 *   <li>only its Secret is left (the pod was deleted without the Secret).</li>
 * </ul>
 */
final class BakeSweep {

    private BakeSweep() {}

    static List<BakeHandle> sweep(KubernetesClient client, String namespace, Duration olderThan, Instant now) {
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative (is " + olderThan + ")");
        }
        // Secrets first: a bake's pod is created before its Secret, so every Secret listed here has its pod in the
        // list below unless the pod is really gone
        List<Secret> secrets = client.secrets()
                .inNamespace(namespace)
                .withLabel(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER)
                .withLabel(DeliveryLabels.COMPONENT, BakeLabels.COMPONENT_VALUE)
                .list()
                .getItems();
        List<Pod> pods = client.pods()
                .inNamespace(namespace)
                .withLabel(DeliveryLabels.MANAGED_BY, DeliveryLabels.FIELD_MANAGER)
                .withLabel(DeliveryLabels.COMPONENT, BakeLabels.COMPONENT_VALUE)
                .list()
                .getItems();
        Map<String, BakeHandle> swept = new LinkedHashMap<>();
        Set<String> withPod = new HashSet<>();
        for (Pod p : pods) {
            String id = bakeId(p.getMetadata());
            if (id == null) {
                continue;
            }
            withPod.add(id);
            if (oldEnough(p.getMetadata(), olderThan, now) && (finished(p) || pastDeadline(p, now))) {
                swept.put(id, ImageBaker.handleOf(namespace, p));
            }
        }
        for (Secret s : secrets) {
            String id = bakeId(s.getMetadata());
            if (id != null && !withPod.contains(id) && oldEnough(s.getMetadata(), olderThan, now)) {
                swept.putIfAbsent(id, new BakeHandle(namespace, id, "", List.of()));
            }
        }
        for (String id : swept.keySet()) {
            Bake.deleteByLabel(client, namespace, id);
        }
        return new ArrayList<>(swept.values());
    }

    private static String bakeId(ObjectMeta m) {
        return m.getLabels() == null ? null : m.getLabels().get(BakeLabels.BAKE);
    }

    private static boolean finished(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static boolean pastDeadline(Pod p, Instant now) {
        Long deadline = p.getSpec() == null ? null : p.getSpec().getActiveDeadlineSeconds();
        return deadline != null
                && created(p.getMetadata())
                        .map(c -> c.plusSeconds(deadline).isBefore(now))
                        .orElse(false);
    }

    private static boolean oldEnough(ObjectMeta m, Duration olderThan, Instant now) {
        return created(m)
                .map(c -> Duration.between(c, now).compareTo(olderThan) >= 0)
                .orElse(false);
    }

    private static Optional<Instant> created(ObjectMeta m) {
        try {
            return Optional.of(OffsetDateTime.parse(m.getCreationTimestamp()).toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
