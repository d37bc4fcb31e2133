package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resume must bring the request the deploy started with: the engine records the request's hash with the operation
 * in flight and refuses another one before any write.
 */
@Tag("cluster")
class ResumeRequestCheckClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void aResumeWithAnotherRequestIsRefusedAndChangesNothing() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        ReleaseRequest v2 = f.request(2).build();
        ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, "web", ns.name());
        ReleaseEngine crashing = new ReleaseEngine(
                ns.client(),
                line -> {
                    if (line.contains("web-preview has ")) {
                        throw new ResumeClusterTest.SimulatedCrash();
                    }
                },
                Clock.systemUTC());
        assertThatThrownBy(() -> crashing.deploy(handle, v2)).isInstanceOf(ResumeClusterTest.SimulatedCrash.class);
        ReleaseHistory before = f.engine().history("web", ns.name());
        assertThat(before.current().requestHash()).isEqualTo(v2.inputHash());
        String version = ns.client()
                .configMaps()
                .inNamespace(ns.name())
                .withName("web-releases")
                .get()
                .getMetadata()
                .getResourceVersion();

        ReleaseRequest other = v2.toBuilder()
                .manifests(List.of(
                        new ManifestFile("k8s/web.yaml", ClusterFixture.manifests("web", 3, java.util.Map.of()))))
                .build();
        List<String> lines = new ArrayList<>();
        try (CountingClient counting = new CountingClient()) {
            assertThatThrownBy(() ->
                            new ReleaseEngine(counting.client, lines::add, Clock.systemUTC()).resume(handle, other))
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageContaining("the deploy of " + ns.name() + "/web v2 cannot be resumed: the request"
                            + " differs from the one it started with (recorded " + v2.inputHash() + ", given "
                            + other.inputHash() + "); nothing was changed");
            assertThat(counting.count("PATCH /apis/apps/v1/namespaces/" + ns.name() + "/deployments/web-v2"))
                    .isZero();
            assertThat(counting.count("PUT /api/v1/namespaces/" + ns.name() + "/configmaps/web-releases"))
                    .isZero();
            assertThat(counting.count(
                            "PUT /apis/coordination.k8s.io/v1/namespaces/" + ns.name() + "/leases/web-delivery"))
                    .as("the Lease is not even taken")
                    .isZero();
        }
        assertThat(lines).isEmpty();
        assertThat(ns.client()
                        .configMaps()
                        .inNamespace(ns.name())
                        .withName("web-releases")
                        .get()
                        .getMetadata()
                        .getResourceVersion())
                .isEqualTo(version);
        assertThat(f.selectedRelease("web")).isEqualTo("v1");

        DeployResult resumed = f.engine()
                .resume(
                        handle,
                        v2.toBuilder()
                                .rolloutTimeout(java.time.Duration.ofSeconds(30))
                                .build());
        assertThat(resumed.release())
                .as("the same request (other timeouts) resumes")
                .isEqualTo("v2");
        f.assertHistory("v2", "v1");
    }
}
