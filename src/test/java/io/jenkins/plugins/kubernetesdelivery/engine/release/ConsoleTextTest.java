package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** D-17: user text that reaches a console (echoed inputs, holders, reasons) stays one bounded line. */
class ConsoleTextTest {

    private static final String FORGED = "abc\n[Pipeline] echo approved\u001b[31m\r\u202e\u200b";

    @Test
    void printableTextIsOneBoundedLineWithoutControlCharacters() {
        assertThat(Strings.printable(FORGED, 100)).isEqualTo("abc [Pipeline] echo approved?[31m ??");
        assertThat(Strings.printable("  a \t b  ", 100)).isEqualTo("a b");
        assertThat(Strings.printable("x".repeat(500), 200)).hasSize(201).endsWith("…");
        assertThat(Strings.printable("é🙂".repeat(3), 5)).isEqualTo("é🙂é…");
        assertThat(Strings.printable(null, 10)).isNull();
    }

    @Test
    void echoedInputsAreOneBoundedLine() {
        ReleaseRequest r = ReleaseRequest.builder("web", "shop")
                .manifest("k8s/web.yaml", ClusterFixture.manifests("web", 1, java.util.Map.of()))
                .image("registry.example.com/shop/web@sha256:" + "a".repeat(64))
                .gitCommit("abc\n[Pipeline] echo deployed\u001b[2K")
                .buildUrl("https://ci.example.com/" + "p".repeat(5000) + "\n/x")
                .schemaVersion("1\r\n2")
                .build();
        List<String> problems = r.validate();
        assertThat(problems)
                .anyMatch(p -> p.startsWith("gitCommit 'abc [Pipeline] echo deployed?[2K' must be"))
                .anyMatch(p -> p.startsWith("buildUrl 'https://ci.example.com/ppp") && p.contains("…' must be"))
                .anyMatch(p -> p.startsWith("schemaVersion '1 2' "));
        for (String p : problems) {
            assertThat(p.chars().noneMatch(Character::isISOControl)).as(p).isTrue();
            assertThat(p.length()).as(p).isLessThan(400);
        }
        assertThat(RollbackRequest.builder("web", "shop")
                        .target("v1\n[Pipeline] ok")
                        .build()
                        .validate())
                .containsExactly("target 'v1 [Pipeline] ok' is not 'previous', v<N>, a git commit or an image"
                        + " digest (sha256:…)");
    }
}
