package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.function.Predicate;

/** Counts over a Service's EndpointSlices. A missing ready condition counts as ready (API semantics). */
public final class EndpointSlices {

    private EndpointSlices() {}

    /**
     * The ready endpoints of the pods {@code ofPods} accepts (by pod name), or 0 while a ready endpoint of another pod
     * (or of no pod) is listed too.
     */
    public static int onlyOf(List<EndpointSlice> slices, Predicate<String> ofPods) {
        int n = 0;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.getEndpoints() == null ? List.<Endpoint>of() : s.getEndpoints()) {
                if (e.getConditions() != null
                        && Boolean.FALSE.equals(e.getConditions().getReady())) {
                    continue;
                }
                if (e.getTargetRef() == null || !ofPods.test(e.getTargetRef().getName())) {
                    return 0;
                }
                n++;
            }
        }
        return n;
    }

    /** Ready endpoints across slices. */
    public static int ready(List<EndpointSlice> slices) {
        int n = 0;
        for (EndpointSlice s : slices) {
            if (s.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : s.getEndpoints()) {
                if (e.getConditions() == null
                        || e.getConditions().getReady() == null
                        || Boolean.TRUE.equals(e.getConditions().getReady())) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The pod names the slices list as ready. */
    public static List<String> readyPods(List<EndpointSlice> slices) {
        return slices.stream()
                .filter(s -> s.getEndpoints() != null)
                .flatMap(s -> s.getEndpoints().stream())
                .filter(e -> e.getConditions() == null
                        || !Boolean.FALSE.equals(e.getConditions().getReady()))
                .filter(e -> e.getTargetRef() != null)
                .map(e -> e.getTargetRef().getName())
                .toList();
    }
}
