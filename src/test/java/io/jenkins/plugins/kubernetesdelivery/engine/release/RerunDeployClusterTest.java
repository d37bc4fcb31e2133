package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.testenv.TestNamespace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Benchmark 6 of issue 10: a re-run deploy whose content equals the live release's is a no-op, unless forced. */
@Tag("cluster")
class RerunDeployClusterTest {

    @RegisterExtension
    TestNamespace ns = new TestNamespace();

    @Test
    void aReRunWithTheLiveContentDeploysNothingUnlessForced() {
        ClusterFixture f = new ClusterFixture(ns.client(), ns.name());
        f.engine().deploy(f.request(1).build());
        f.engine().deploy(f.request(2).build());

        // the same build run again: another build URL and actor, the same images, manifests and schema
        ReleaseRequest rerun = f.request(2)
                .buildUrl("https://ci.example.com/job/web/99/")
                .actor("carol")
                .build();
        List<String> lines = new ArrayList<>();
        DeployResult r;
        try (CountingClient counted = new CountingClient()) {
            r = new ReleaseEngine(counted.client, lines::add, Clock.systemUTC()).deploy(rerun);
            assertThat(counted.count("GET /api/v1/namespaces/" + ns.name() + "/configmaps/web-releases"))
                    .as("the history, read once")
                    .isEqualTo(1);
            assertThat(counted.total()).as("nothing else").isEqualTo(1);
        }
        assertThat(r.release()).isEqualTo("v2");
        assertThat(r.previous()).isEqualTo("v1");
        assertThat(r.services()).isEmpty();
        assertThat(lines)
                .containsExactly(ns.name() + "/web v2 is already live with the same content; nothing was"
                        + " deployed (force: true deploys it again)");
        f.assertHistory("v2", "v1");
        assertThat(f.engine().history("web", ns.name()).lastRelease())
                .as("no release allocated")
                .isEqualTo(2);
        assertThat(ns.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns.name())
                        .list()
                        .getItems())
                .extracting(d -> d.getMetadata().getName())
                .as("no new release")
                .containsExactlyInAnyOrder("web-v1", "web-v2");

        assertThat(f.engine().deploy(rerun.toBuilder().force(true).build()).release())
                .as("forced")
                .isEqualTo("v3");
        assertThat(f.engine().deploy(f.request(4).build()).release())
                .as("other content")
                .isEqualTo("v4");
    }
}
