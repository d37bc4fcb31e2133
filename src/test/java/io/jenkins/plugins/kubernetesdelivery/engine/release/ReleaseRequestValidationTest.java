package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each local validation rule, one broken input at a time: the problem names the input and the rule. */
class ReleaseRequestValidationTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: %s}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: %s}]
            """;

    @Test
    void theRealisticRequestIsValid() {
        assertThat(Fixtures.webRequest().build().validate()).isEmpty();
        assertThat(ReleaseRequest.builder("api", "shop")
                        .image(Fixtures.WEB)
                        .simple(80, 1)
                        .build()
                        .validate())
                .isEmpty();
    }

    @Test
    void aRequestNeverPrintsItsManifests() {
        assertThat(Fixtures.webRequest().build().toString())
                .contains("k8s/web.yaml")
                .doesNotContain("not-a-real-secret");
    }

    static Stream<Arguments> brokenRequests() {
        return Stream.of(
                broken(
                        "app with uppercase",
                        b -> ReleaseRequest.builder("Web", "shop")
                                .image(Fixtures.WEB)
                                .simple(80, 1),
                        "app 'Web'",
                        "RFC 1123"),
                broken(
                        "app too long",
                        b -> ReleaseRequest.builder("a".repeat(60), "shop")
                                .image(Fixtures.WEB)
                                .simple(80, 1),
                        "app 'aaaa",
                        "characters"),
                broken(
                        "empty namespace",
                        b -> ReleaseRequest.builder("web", "")
                                .image(Fixtures.WEB)
                                .simple(80, 1),
                        "namespace ''",
                        "must not be empty"),
                broken(
                        "tag instead of digest",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image("registry.example.com/shop/web:1.2")
                                .simple(80, 1),
                        "registry.example.com/shop/web:1.2",
                        "not pinned by digest"),
                broken(
                        "shell characters in image",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image("web;rm -rf /")
                                .simple(80, 1),
                        "image 'web;rm -rf /'",
                        "not an image reference"),
                broken(
                        "short digest",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image("web@sha256:" + "a".repeat(40))
                                .simple(80, 1),
                        "image 'web@sha256",
                        "64"),
                broken(
                        "schema version with a plus",
                        b -> b.schemaVersion("1.2.3+build.7"),
                        "schemaVersion '1.2.3+build.7'",
                        "letters, digits"),
                broken("schema version of 64 chars", b -> b.schemaVersion("x".repeat(64)), "schemaVersion", "63"),
                broken("git commit not hex", b -> b.gitCommit("feature/x"), "gitCommit 'feature/x'", "hexadecimal"),
                broken("build URL not http", b -> b.buildUrl("file:///etc/passwd"), "buildUrl", "http(s)"),
                broken("keep 1", b -> b.keep(1), "keep 1", "between 2"),
                broken("zero rollout timeout", b -> b.rolloutTimeout(Duration.ZERO), "rolloutTimeout", "positive"),
                broken(
                        "no manifests",
                        b -> ReleaseRequest.builder("web", "shop").image(Fixtures.WEB),
                        "manifests",
                        "give manifest files"),
                broken(
                        "unparseable manifest",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest("k8s/bad.yaml", "a: [b"),
                        "k8s/bad.yaml",
                        "not valid YAML"),
                broken(
                        "no Deployment",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"),
                        "no Deployment",
                        "at least one"),
                broken(
                        "image matching no container",
                        b -> b.image("registry.example.com/other/api@" + Fixtures.DIGEST),
                        "registry.example.com/other/api",
                        "matches no container"),
                broken(
                        "unpinned container image",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest(
                                        "d.yaml",
                                        DEPLOYMENT.formatted("web", "web") + "---\n"
                                                + DEPLOYMENT.formatted("side", "busybox:1.36")),
                        "container web of Deployment side",
                        "not pinned by digest"),
                broken(
                        "object in another namespace",
                        b -> b.manifest(
                                "x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: prod}\n"),
                        "ConfigMap x",
                        "namespace prod"),
                broken(
                        "Service name too long for its preview",
                        b -> b.manifest(
                                "s.yaml",
                                "apiVersion: v1\nkind: Service\nmetadata: {name: " + "s".repeat(60) + "}\n"
                                        + "spec: {selector: {app: web}, ports: [{port: 80}]}\n"),
                        "s".repeat(60) + "-preview",
                        "at most 55"),
                broken(
                        "Service selecting no pods",
                        b -> b.manifest(
                                "s.yaml",
                                "apiVersion: v1\nkind: Service\nmetadata: {name: other}\n"
                                        + "spec: {selector: {app: other}, ports: [{port: 80}]}\n"),
                        "Service other selector",
                        "matches the pods of no Deployment"),
                broken(
                        "Deployment name too long",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest("d.yaml", DEPLOYMENT.formatted("d".repeat(250), "web")),
                        "Deployment name 'ddd",
                        "253"),
                broken(
                        "old apiVersion",
                        b -> b.manifest(
                                "d.yaml",
                                "apiVersion: extensions/v1beta1\nkind: Deployment\n" + "metadata: {name: old}\n"),
                        "Deployment old",
                        "apps/v1"),
                broken(
                        "typo in a Deployment",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest(
                                        "d.yaml",
                                        DEPLOYMENT
                                                .formatted("web", "web")
                                                .replace("  selector:", "  replicass: 2\n" + "  selector:")
                                                .replace(
                                                        "containers: [{name: web,",
                                                        "containers: [{nmae: x, name: web,")),
                        "Deployment web (d.yaml document 1) has unknown fields",
                        "spec.replicass, " + "spec.template.spec.containers[0].nmae"),
                broken(
                        "verification without command",
                        b -> b.verification(new Verification("curlimages/curl", List.of())),
                        "verification command",
                        "not be empty"),
                // review finding 7: limits the server would otherwise enforce halfway through a deploy
                broken(
                        "verification Job name too long",
                        b -> ReleaseRequest.builder("a".repeat(54), "shop")
                                .image(Fixtures.WEB)
                                .simple(80, 1)
                                .verification(new Verification("curlimages/curl@" + Fixtures.DIGEST, List.of("true"))),
                        "app 'aaaa",
                        "Job name <app>-v<N>-verify"),
                broken(
                        "label value too long in a manifest",
                        b -> b.manifest(
                                "x.yaml",
                                "apiVersion: v1\n" + "kind: ConfigMap\nmetadata: {name: x, labels: {tier: "
                                        + "t".repeat(64) + "}}\n"),
                        "ConfigMap x label tier value 'ttt",
                        "63"),
                broken(
                        "bad label key in a pod template",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest(
                                        "d.yaml",
                                        DEPLOYMENT
                                                .formatted("web", "web")
                                                .replace("labels: {app: web}", "labels: {app: web, 'bad key': x}")),
                        "Deployment web-v99999 pod template label key" + " 'bad key'",
                        "must"),
                // audit D-14: no NullPointerException, a problem naming the file
                broken(
                        "Deployment without spec",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest(
                                        "k8s/nospec.yaml",
                                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"),
                        "Deployment web (k8s/nospec.yaml document 1)",
                        "has no spec.template.spec.containers"),
                broken(
                        "Deployment without template",
                        b -> ReleaseRequest.builder("web", "shop")
                                .image(Fixtures.WEB)
                                .manifest(
                                        "k8s/notemplate.yaml",
                                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
                                                + "spec: {replicas: 2, selector: {matchLabels: {app: web}}}\n"),
                        "Deployment web (k8s/notemplate.yaml document 1)",
                        "has no spec.template.spec.containers"),
                // audit case 4: a Service name is a DNS-1035 label (the API server refuses a digit first)
                broken(
                        "Service name starting with a digit",
                        b -> b.manifest(
                                "s.yaml",
                                "apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\n"
                                        + "spec: {selector: {app: web}, ports: [{port: 80}]}\n"),
                        "Service name '1web'",
                        "start with a lower case letter"),
                broken(
                        "Service named in the step starting with a digit",
                        b -> b.service("9lives"),
                        "service '9lives'",
                        "start with a lower case letter"),
                // audit D-6: a Service of the manifests named like the preview of another one
                broken(
                        "Service named like another one's preview",
                        b -> b.manifest(
                                "s.yaml",
                                "apiVersion: v1\nkind: Service\nmetadata: {name: web-preview}\n"
                                        + "spec: {selector: {app: web}, ports: [{port: 80}]}\n"),
                        "Service web-preview",
                        "preview of Service web"),
                broken(
                        "Service named in the step like a preview",
                        b -> b.service("web-preview"),
                        "Service web-preview",
                        "preview of Service web"),
                broken(
                        "name of another kind",
                        b -> b.manifest(
                                "i.yaml",
                                "apiVersion: networking.k8s.io/v1\n"
                                        + "kind: Ingress\nmetadata: {name: Web_Ingress}\n"),
                        "Ingress name 'Web_Ingress'",
                        "lower case letters"));
    }

    private static Arguments broken(
            String name, UnaryOperator<ReleaseRequest.Builder> change, String input, String rule) {
        return Arguments.of(name, change, input, rule);
    }

    /** Audit case 3: a blank target is a mistake (an empty parameter), never a silent rollback to previous. */
    @ParameterizedTest(name = "rollback target ''{0}''")
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankRollbackTargetIsRefused(String target) {
        RollbackRequest r =
                RollbackRequest.builder("web", "shop").target(target).build();
        assertThat(r.validate())
                .anySatisfy(p -> assertThat(p).contains("target").contains("must not be blank"));
    }

    @Test
    void noRollbackTargetMeansPrevious() {
        RollbackRequest r = RollbackRequest.builder("web", "shop").build();
        assertThat(r.target()).isEqualTo("previous");
        assertThat(r.validate()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRequests")
    void namesTheInputAndTheRule(String name, UnaryOperator<ReleaseRequest.Builder> change, String input, String rule) {
        List<String> problems = change.apply(Fixtures.webRequest()).build().validate();
        assertThat(problems)
                .as(name)
                .anySatisfy(p -> assertThat(p).contains(input).contains(rule));
    }
}
