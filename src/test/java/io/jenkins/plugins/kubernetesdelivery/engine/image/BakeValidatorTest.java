package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BakeValidatorTest {

    static BakeRequest.Builder ok() {
        return BakeRequest.builder("registry.example.com/shop/web").namespace("builds");
    }

    @Test
    void aCompleteRequestIsValid() {
        assertThat(BakeValidator.validate(BuilderPodGoldenTest.full("buildkit")))
                .isEmpty();
        assertThat(BuilderPodGoldenTest.full("kaniko").validate()).isEmpty();
        assertThat(ok().build().validate()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        BakeRequest r = BakeRequest.builder("Shop/Web")
                .tags("ok", "bad tag")
                .namespace(null)
                .builder("docker")
                .credentials(new RegistryCredentials.DockerConfigJson("not json s3cret"))
                .build();

        assertThat(r.validate())
                .hasSize(5)
                .anyMatch(p -> p.startsWith("repository 'Shop/Web'"))
                .anyMatch(p -> p.startsWith("tags[1] 'bad tag'"))
                .anyMatch(p -> p.startsWith("namespace '' must not be empty"))
                .anyMatch(p -> p.startsWith("builder 'docker'"))
                .anyMatch(p -> p.startsWith("registry credentials are not valid JSON"))
                .noneMatch(p -> p.contains("s3cret"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                bad(
                        b -> BakeRequest.builder("shop/web;rm -rf /").namespace("builds"),
                        "repository 'shop/web;rm -rf /'"),
                bad(b -> BakeRequest.builder("shop web").namespace("builds"), "repository 'shop web'"),
                bad(b -> BakeRequest.builder("Shop/Web:1").namespace("builds"), "repository"),
                bad(b -> b.tags("ok", "bad tag"), "tags[1] 'bad tag'"),
                bad(b -> b.tags("$(id)"), "tags[0] '$(id)'"),
                bad(b -> b.tags("a`b`"), "tags[0]"),
                bad(b -> b.buildArgs(Map.of("BAD-NAME", "x")), "buildArgs name 'BAD-NAME'"),
                bad(b -> b.buildArgs(Map.of("X", "a\0b")), "buildArgs.X must not contain control characters"),
                bad(b -> b.buildArgs(Map.of("X", "s3cret\nforged line")), "buildArgs.X must not contain control"),
                bad(b -> b.buildArgs(Map.of("X", "s3cret\u001b[2J")), "buildArgs.X must not contain control"),
                bad(
                        b -> b.buildArgs(Map.of("X", "s3cret" + "x".repeat(5000))),
                        "buildArgs.X is 5006 characters long; at most 4096"),
                bad(b -> b.buildArgs(manyArgs(65)), "buildArgs has 65 entries; at most 64"),
                bad(b -> b.buildArgs(Map.of("N".repeat(200), "x")), "buildArgs name 'NNNN"),
                bad(b -> b.target("run time"), "target 'run time'"),
                bad(b -> b.platform("linux"), "platform 'linux'"),
                bad(b -> b.platform("linux/amd64;x"), "platform"),
                bad(b -> b.cache(true).cacheRepository("cache repo"), "cacheRepository 'cache repo'"),
                bad(b -> b.builder("docker"), "builder 'docker' is not a known builder"),
                bad(b -> b.images(new BuilderImages("moby/buildkit:v1 ; sh", null, null)), "builder images buildkit"),
                bad(b -> b.images(new BuilderImages(null, "kaniko@sha256:abc", null)), "builder images kaniko"),
                bad(b -> b.namespace("Bad_NS"), "namespace 'Bad_NS'"),
                bad(b -> b.namespace(null), "namespace '' must not be empty"),
                bad(b -> b.requests(Map.of("gpu", "1")), "requests name 'gpu'"),
                bad(b -> b.limits(Map.of("memory", "lots")), "limits.memory 'lots' is not a quantity"),
                bad(b -> b.nodeSelector(Map.of("pool", "a b")), "nodeSelector.pool 'a b'"),
                bad(b -> b.nodeSelector(Map.of("bad key!", "a")), "nodeSelector key 'bad key!'"),
                bad(b -> b.serviceAccount("Bad SA"), "serviceAccount 'Bad SA'"),
                bad(b -> b.timeout(Duration.ZERO), "timeout must be between"),
                bad(b -> b.timeout(Duration.ofDays(2)), "timeout must be between"),
                bad(b -> b.bakeId("UPPER"), "bakeId 'UPPER'"),
                bad(
                        b -> b.credentials(new RegistryCredentials.UsernamePassword(null, "", "x")),
                        "registry credentials need a user name"),
                bad(
                        b -> b.credentials(new RegistryCredentials.DockerConfigJson("{\"token\":\"s3cret\"}")),
                        "registry credentials must be a Docker config.json"),
                bad(
                        b -> b.credentials(new RegistryCredentials.DockerConfigJson("not json s3cret")),
                        "registry credentials are not valid JSON"));
    }

    static Map<String, String> manyArgs(int n) {
        Map<String, String> args = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            args.put("A" + i, "v");
        }
        return args;
    }

    static Arguments bad(UnaryOperator<BakeRequest.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badInput")
    void badInputNamesTheInputAndRule(UnaryOperator<BakeRequest.Builder> change, String message) {
        BakeRequest r = change.apply(ok()).build();
        assertThat(BakeValidator.validate(r))
                .singleElement()
                .asString()
                .contains(message)
                .doesNotContain("s3cret");
    }

    @Test
    void credentialsNeverShowInToString() {
        BakeRequest r = ok().credentials(new RegistryCredentials.UsernamePassword("r.io", "ci", "s3cret"))
                .build();
        assertThat(r.toString()).doesNotContain("s3cret");
        assertThat(new RegistryCredentials.DockerConfigJson("{\"auths\":{\"x\":{\"auth\":\"s3cret\"}}}").toString())
                .doesNotContain("s3cret");
    }

    /** Audit D-10: build arguments are the usual place for tokens; a request's text never holds their values. */
    @Test
    void buildArgValuesNeverShowInToString() {
        BakeRequest r = ok().buildArgs(Map.of("NPM_TOKEN", "s3cret-value")).build();
        assertThat(r.toString()).doesNotContain("s3cret-value").contains("NPM_TOKEN");
        assertThat(r.buildArgs()).containsEntry("NPM_TOKEN", "s3cret-value");
    }

    @Test
    void dockerHubCredentialsUseTheIndexKey() throws Exception {
        String json = new RegistryCredentials.UsernamePassword(null, "u", "p").toDockerConfigJson("docker.io");
        assertThat(json).isEqualTo("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"dTpw\"}}}");
        assertThat(new RegistryCredentials.None().toDockerConfigJson("docker.io"))
                .isNull();
    }

    @Test
    void defaultImagesArePinnedByDigest() {
        assertThat(BuilderImages.DEFAULTS.allPinned()).isTrue();
        assertThat(BuilderImages.DEFAULTS.check()).isEmpty();
        assertThat(new BuilderImages("localhost:5000/buildkit:dev", "", null).check())
                .isEmpty();
        assertThat(new BuilderImages("localhost:5000/buildkit:dev", "", null).allPinned())
                .isFalse();
        assertThat(new BuilderImages(" ", null, "").kaniko()).isEqualTo(BuilderImages.DEFAULT_KANIKO);
    }

    @Test
    void toBuilderCopiesEveryValue() {
        BakeRequest full = BuilderPodGoldenTest.full("kaniko").toBuilder()
                .extraLabels(Map.of("team", "shop"))
                .images(new BuilderImages("localhost:5000/buildkit:dev", null, null))
                .cacheRepository("r.io/cache")
                .build();

        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(full.withBakeId("other1").bakeId()).isEqualTo("other1");
        assertThat(full.withBakeId("other1").withBakeId(full.bakeId())).isEqualTo(full);
    }

    @Test
    void labelValuesAreSanitisedStably() {
        assertThat(BakeLabels.labelValue("shop/web/main")).isEqualTo("shop-web-main");
        String longJob = "folder/".repeat(20) + "job";
        String v = BakeLabels.labelValue(longJob);
        assertThat(v).hasSizeLessThanOrEqualTo(63).isEqualTo(BakeLabels.labelValue(longJob));
        assertThat(io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames.checkLabelValue(v))
                .isEmpty();
        assertThat(BakeLabels.labelValue("-x-")).isEqualTo("x");
    }
}
