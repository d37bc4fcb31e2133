package io.jenkins.plugins.kubernetesdelivery.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord.Kind;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRunActionTest {

    private final DeliveryRunAction action = new DeliveryRunAction();

    @Test
    void eachKindHasItsLine() {
        DeliveryRecord rollback = DeliveryRecord.of(Kind.ROLLBACK, "web")
                .environment("production")
                .namespace("shop")
                .release("v7")
                .previous("v8")
                .outcome(Outcome.SUCCEEDED)
                .who("bob")
                .note("errors after v8")
                .at(Instant.parse("2026-11-27T01:12:00Z"))
                .build();
        assertThat(action.line(rollback))
                .isEqualTo("Rolled back shop/web in production to v7 (was v8), by bob: errors after v8");
        assertThat(rollback.getAt()).isEqualTo("2026-11-27T01:12:00Z");

        assertThat(action.line(DeliveryRecord.of(Kind.DEPLOY, "web")
                        .namespace("shop")
                        .release("v8")
                        .previous("v7")
                        .outcome(Outcome.SUCCEEDED)
                        .build()))
                .isEqualTo("Deployed shop/web: v8 (was v7)");
        assertThat(action.line(DeliveryRecord.of(Kind.BAKE, "registry.example.com/shop/web")
                        .digest("sha256:abc")
                        .outcome(Outcome.SUCCEEDED)
                        .who("alice")
                        .build()))
                .isEqualTo("Baked registry.example.com/shop/web: sha256:abc, by alice");
        assertThat(action.line(DeliveryRecord.of(Kind.APPROVAL, "production")
                        .who("carol")
                        .outcome(Outcome.SUCCEEDED)
                        .build()))
                .isEqualTo("Approved by carol for production");
        assertThat(action.line(DeliveryRecord.of(Kind.DEPLOY, "web")
                        .environment("staging")
                        .release("v3")
                        .outcome(Outcome.FAILED)
                        .note("web-v3 is not ready after 600 s")
                        .build()))
                .isEqualTo("Failed: Deployed web in staging: v3: web-v3 is not ready after 600 s");
    }

    @Test
    void recordsFromParallelBranchesAreAllKept() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int n = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    action.add(DeliveryRecord.of(Kind.DEPLOY, "app" + n)
                            .release("v" + i)
                            .outcome(Outcome.SUCCEEDED)
                            .build());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(action.getRecords()).hasSize(400);
        assertThat(action.getIconFileName())
                .as("no sidebar link: a summary row only")
                .isNull();
        assertThat(action.getUrlName()).isNull();
    }

    @Test
    void theSummaryEscapesEverything() throws IOException {
        try (InputStream in = DeliveryRunAction.class.getResourceAsStream("DeliveryRunAction/summary.jelly")) {
            String jelly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jelly)
                    .startsWith("<?jelly escape-by-default='true'?>")
                    .doesNotContain("j:out")
                    .doesNotContain("<script")
                    .contains("${it.line(r)}");
        }
    }
}
