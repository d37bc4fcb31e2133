package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Review finding 17: only endpoints of the new release's pods count, and only once no other pod is listed. */
class EndpointSlicesTest {

    private static final Predicate<String> V2 = pod -> pod.startsWith("web-v2-");

    private static Endpoint endpoint(String pod, Boolean ready) {
        return new EndpointBuilder()
                .addToAddresses("10.0.0.1")
                .withNewConditions()
                .withReady(ready)
                .endConditions()
                .withNewTargetRef()
                .withKind("Pod")
                .withName(pod)
                .endTargetRef()
                .build();
    }

    private static EndpointSlice slice(Endpoint... endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName("web-preview-abc")
                .endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(endpoints)
                .build();
    }

    @Test
    void countsOnlyTheReleasesReadyEndpoints() {
        assertThat(EndpointSlices.onlyOf(
                        List.of(slice(
                                endpoint("web-v2-7d9-a", true),
                                endpoint("web-v2-7d9-b", null),
                                endpoint("web-v2-7d9-c", false))),
                        V2))
                .isEqualTo(2);
    }

    @Test
    void aReadyEndpointOfThePreviousReleaseMeansNotYet() {
        assertThat(EndpointSlices.onlyOf(
                        List.of(slice(endpoint("web-v2-7d9-a", true)), slice(endpoint("web-v1-5c4-a", true))), V2))
                .isZero();
        assertThat(EndpointSlices.onlyOf(List.of(slice(endpoint("web-v1-5c4-a", true))), V2))
                .isZero();
        assertThat(EndpointSlices.onlyOf(List.of(slice(endpoint("web-v10-5c4-a", true))), V2))
                .as("v10 is not v2")
                .isZero();
        assertThat(EndpointSlices.onlyOf(
                        List.of(slice(endpoint("web-v1-5c4-a", false), endpoint("web-v2-7d9-a", true))), V2))
                .as("a not-ready old pod does not count")
                .isEqualTo(1);
    }
}
