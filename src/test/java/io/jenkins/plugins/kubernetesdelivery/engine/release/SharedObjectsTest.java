package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What "unchanged since last applied" compares, and where the history keeps it. */
class SharedObjectsTest {

    private static GenericKubernetesResource yaml(String text) {
        return Serialization.unmarshal(text, GenericKubernetesResource.class);
    }

    @Test
    void theHashIgnoresKeyOrderAndSeesEveryChange() {
        String a = SharedObjects.hash(
                yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: '1', b: '2'}"));
        assertThat(SharedObjects.hash(
                        yaml("kind: ConfigMap\napiVersion: v1\ndata: {b: '2', a: '1'}\nmetadata: {name: s}")))
                .isEqualTo(a)
                .hasSize(SharedObjects.HASH_LENGTH);
        assertThat(SharedObjects.hash(
                        yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: {a: '1', b: '3'}")))
                .isNotEqualTo(a);
        assertThat(
                        SharedObjects.hash(
                                yaml(
                                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s, labels: {x: y}}\ndata: {a: '1', b: '2'}")))
                .as("our labels are content too")
                .isNotEqualTo(a);
    }

    private static ReleaseHistory.Entry deploy(int n, String outcome, Map<String, String> shared) {
        ReleaseHistory.Operation op =
                new ReleaseHistory.Operation("op" + n, "deploy", "v" + n, null, "switching", "alice", "t");
        ReleaseMetadata m =
                new ReleaseMetadata("web", n, List.of(), null, null, null, null, "alice", java.time.Instant.EPOCH);
        return ReleaseHistory.Entry.deploy(op, m, outcome, null, "t", false, "v" + n, null)
                .withShared(shared);
    }

    private static ReleaseHistory with(ReleaseHistory.Entry... newestLast) {
        ReleaseHistory h = ReleaseHistory.empty();
        for (ReleaseHistory.Entry e : newestLast) {
            h = h.finish(e, e.live(), e.previous(), null);
        }
        return h;
    }

    @Test
    void theNewestDeployRecordsWhatWasLastAppliedAndAFailedOneForgetsIt() throws Exception {
        Map<String, String> one = Map.of("Ingress/web", "0123456789abcdef");
        ReleaseHistory h = with(deploy(1, "succeeded", Map.of("Ingress/web", "ffff")), deploy(2, "succeeded", one));
        assertThat(h.sharedApplied()).isEqualTo(one);

        ReleaseHistory.Operation rb =
                new ReleaseHistory.Operation("op3", "rollback", "v1", "v2", "switching", "bob", "t");
        ReleaseHistory afterRollback = h.finish(
                ReleaseHistory.Entry.rollback(rb, null, "succeeded", null, "t", "bad", "v1", "v2"), "v1", "v2", null);
        assertThat(afterRollback.sharedApplied())
                .as("a rollback applies no shared object of its own")
                .isEqualTo(one);

        assertThat(with(deploy(1, "succeeded", one), deploy(2, "failed", null)).sharedApplied())
                .as("a failed deploy may have created shared objects: everything is applied again")
                .isEmpty();

        String json = Serialization.jsonMapper().writeValueAsString(h);
        assertThat(json).contains("\"shared\":{\"Ingress/web\":\"0123456789abcdef\"}");
        assertThat(Serialization.jsonMapper()
                        .readValue(json, ReleaseHistory.class)
                        .sharedApplied())
                .isEqualTo(one);
        assertThat(Serialization.jsonMapper().writeValueAsString(deploy(4, "succeeded", Map.of())))
                .as("none recorded: no field")
                .doesNotContain("shared");
    }
}
