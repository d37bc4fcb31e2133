package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private static List<String> problemsOf(String yaml) {
        List<String> problems = new ArrayList<>();
        ManifestParser.parse(List.of(new ManifestFile("m.yaml", yaml)), problems);
        return problems;
    }

    @Test
    void parsesSeveralDocumentsAndSkipsEmptyOnes() {
        List<String> problems = new ArrayList<>();
        var parsed = ManifestParser.parse(
                List.of(new ManifestFile(
                        "m.yaml",
                        "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\n"
                                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")),
                problems);
        assertThat(problems).isEmpty();
        assertThat(parsed).extracting(p -> p.object().getMetadata().getName()).containsExactly("a", "b");
        assertThat(parsed.get(1).source()).isEqualTo("m.yaml document 3");
    }

    /** Regression test for the SECURITY-1731 / SECURITY-2448 class: a global tag never instantiates a class. */
    @Test
    void rejectsTypeTags() {
        assertThat(problemsOf("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: !!javax.script.ScriptEngineManager"
                        + " [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"))
                .singleElement()
                .asString()
                .contains("m.yaml is not valid YAML");
        assertThat(problemsOf("apiVersion: v1\nkind: ConfigMap\nmetadata: !custom {name: a}\n"))
                .singleElement()
                .asString()
                .contains("not valid YAML");
        assertThat(problemsOf("apiVersion: v1\nkind: Secret\nmetadata: {name: a}\ndata: {x: !!binary aGVsbG8=}\n"))
                .singleElement()
                .asString()
                .contains("m.yaml");
    }

    @Test
    void rejectsAnAliasBombQuickly() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        assertThat(problemsOf(y.toString())).singleElement().asString().contains("aliases");
    }

    /**
     * Audit D-1: three aliases per level, sixteen levels deep: 48 aliases (under the alias limit) in about 500
     * characters, expanding to 3^16 = 43 million leaves. Refused by the node budget, one problem naming the file.
     */
    @Test
    void rejectsANarrowAliasBombByItsExpandedSize() {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx:\n");
        y.append("  a0: &a0 [x, x, x]\n");
        for (int i = 1; i <= 16; i++) {
            y.append("  a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [*a")
                    .append(i - 1)
                    .append(", *a")
                    .append(i - 1)
                    .append(", *a")
                    .append(i - 1)
                    .append("]\n");
        }
        List<String> problems = Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(30), // a hang guard only
                () -> problemsOf(y.toString()));
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("manifest m.yaml ")
                .contains("expands to more than " + ManifestParser.MAX_NODES + " YAML nodes");
    }

    @Test
    void aFileUnderTheNodeBudgetWithAliasesStillParses() {
        String y = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, labels: &l {app: web}}\n"
                + "data: &d {a: x, b: y}\nbinaryData: {}\nimmutable: false\n---\napiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: ok2, labels: &m {app: web}, annotations: *m}\n";
        List<String> problems = new ArrayList<>();
        var parsed = ManifestParser.parse(List.of(new ManifestFile("m.yaml", y)), problems);
        assertThat(problems).isEmpty();
        assertThat(parsed).hasSize(2);
    }

    @Test
    void rejectsDuplicateKeysNonMappingsAndMissingFields() {
        assertThat(problemsOf("apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: a}\n"))
                .singleElement()
                .asString()
                .contains("not valid YAML");
        assertThat(problemsOf("- a\n- b\n")).singleElement().asString().contains("is not a mapping");
        assertThat(problemsOf("kind: ConfigMap\nmetadata: {name: a}\n"))
                .singleElement()
                .asString()
                .contains("apiVersion and kind");
        assertThat(problemsOf("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"))
                .singleElement()
                .asString()
                .contains("metadata.name");
        assertThat(problemsOf("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\n"))
                .singleElement()
                .asString()
                .contains("not valid YAML");
    }

    /** Review finding 8: snakeyaml-engine quotes the offending source line, which may hold a Secret's value. */
    @Test
    void aParseErrorNamesLineAndColumnButNeverQuotesTheSource() {
        String secret = "hunter2-TOPSECRET";
        List<String> unterminated = problemsOf(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n" + "  password: \"" + secret + "\n");
        assertThat(unterminated)
                .singleElement()
                .asString()
                .contains("m.yaml is not valid YAML")
                .contains("line ")
                .contains("column ")
                .doesNotContain(secret);
        List<String> badMapping = problemsOf("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n"
                + "  password: " + secret + ": x\n");
        assertThat(badMapping)
                .singleElement()
                .asString()
                .contains("line 5, column ")
                .doesNotContain(secret);
        List<String> malformed =
                problemsOf("apiVersion: v1\nkind: Secret\nmetadata: {name: db, generation: " + secret + "}\n");
        assertThat(malformed)
                .singleElement()
                .asString()
                .contains("malformed fields")
                .doesNotContain(secret);
    }

    /** Review finding 9: deep nesting must be a problem, not a StackOverflowError escaping the deploy. */
    @Test
    void rejectsNestingBeyondTheLimitWithoutOverflowingTheStack() {
        assertThat(problemsOf("[".repeat(ManifestParser.MAX_FILE_CHARS - 1)))
                .singleElement()
                .asString()
                .contains("m.yaml is nested deeper than 64 levels");
        String deep =
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nx: " + "[".repeat(70) + "]".repeat(70) + "\n";
        assertThat(problemsOf(deep)).singleElement().asString().contains("nested deeper than 64 levels");
    }
}
