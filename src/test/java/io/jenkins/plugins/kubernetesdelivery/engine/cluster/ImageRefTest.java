package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one image reference grammar: full references, repositories, tags and digests. */
class ImageRefTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "web",
                "shop/web",
                "registry.example.com/shop/web",
                "localhost/web",
                "localhost:5000/web",
                "127.0.0.1:5000/a/b/c",
                "[::1]:5000/web",
                "my-registry.io:443/team_a/app.v2",
                "a__b/c--d/e.f",
                "docker.io/library/busybox",
                "a0/b1"
            })
    void validRepositories(String repo) {
        assertThat(ImageRef.checkRepository(repo)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|must not be empty",
                "Shop/Web|path component 'Web' must be lowercase",
                "shop/Web|path component 'Web' must be lowercase",
                "shop/web:1.0|must not contain a tag",
                "shop/web@sha256:0123|must not contain a digest",
                "shop web|path component 'shop web'",
                "shop/web;rm -rf /|path component 'web;rm -rf '",
                "shop/$(id)|path component '$(id)'",
                "shop//web|path component ''",
                "shop/web/|path component ''",
                "-web|path component '-web'",
                "web-|path component 'web-'",
                "a.-b/web|registry host 'a.-b' must be",
                "reg.io:port/web|registry host 'reg.io:port'",
                "a..b|path component 'a..b'",
                "a___b|path component 'a___b'",
            })
    void invalidRepositories(String repo, String rule) {
        assertThat(ImageRef.checkRepository(repo)).get().asString().contains(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "1.4.2", "v1.0-rc.1", "_x", "A_B"})
    void validTags(String tag) {
        assertThat(ImageRef.checkTag(tag)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-dash", "1.0+build", "feature/x", "a b", "x;y", "$(id)", "é"})
    void invalidTags(String tag) {
        assertThat(ImageRef.checkTag(tag)).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
        "web, docker.io", "shop/web, docker.io", "registry.example.com/shop/web, registry.example.com",
        "localhost:5000/web, localhost:5000", "localhost/web, localhost", "127.0.0.1:5000/a, 127.0.0.1:5000"
    })
    void registryOfRepository(String repo, String registry) {
        assertThat(ImageRef.registryOf(repo)).isEqualTo(registry);
    }

    @Test
    void tagLengthLimitIs128() {
        assertThat(ImageRef.checkTag("a".repeat(128))).isEmpty();
        assertThat(ImageRef.checkTag("a".repeat(129))).isPresent();
    }

    @Test
    void digests() {
        String hex = "0123456789abcdef".repeat(4);
        assertThat(ImageRef.isDigest("sha256:" + hex)).isTrue();
        assertThat(ImageRef.isDigest("sha256:" + hex.toUpperCase())).isFalse();
        assertThat(ImageRef.isDigest("sha256:" + hex.substring(1))).isFalse();
        assertThat(ImageRef.isDigest("sha512:" + hex)).isFalse();
        assertThat(ImageRef.findDigest("pushed sha256:" + hex + "\n")).contains("sha256:" + hex);
        assertThat(ImageRef.findDigest("sha256:" + hex + "0")).isEmpty();
        assertThat(ImageRef.findDigest("no digest")).isEmpty();
    }

    @Test
    void fullReferencesFollowTheGrammar() {
        assertThat(ImageRef.parse("registry.example.com:5000/shop/web:1.2@sha256:" + "a".repeat(64)))
                .satisfies(r -> {
                    assertThat(r.repository()).isEqualTo("registry.example.com:5000/shop/web");
                    assertThat(r.tag()).isEqualTo("1.2");
                    assertThat(r.pinned()).isTrue();
                });
        assertThat(ImageRef.parse("nginx").pinned()).isFalse();
        assertThat(ImageRef.check("Shop/Web")).isPresent();
        assertThat(ImageRef.check("web $(id)")).isPresent();
        assertThat(ImageRef.check("web:" + "t".repeat(129))).isPresent();
        assertThat(ImageRef.check("web@sha256:" + "A".repeat(64)))
                .get()
                .asString()
                .contains("lower-case hex");
    }

    @Test
    void aFullReferenceNamesTheBrokenPart() {
        assertThat(ImageRef.check("shop/web:1.0+build"))
                .get()
                .asString()
                .contains("is not an image reference")
                .contains("tag '1.0+build'");
        assertThat(ImageRef.check("shop/web;rm -rf /")).get().asString().contains("path component 'web;rm -rf '");
        assertThat(ImageRef.check("localhost:5000"))
                .as("a host name alone is a path with a tag")
                .isEmpty();
        assertThat(ImageRef.parse("registry:5000/web").tag())
                .as("a port is no tag")
                .isNull();
        assertThat(ImageRef.parse("registry:5000/web").repository()).isEqualTo("registry:5000/web");
        assertThat(ImageRef.check("web@sha256:" + "a".repeat(64) + "@x")).isPresent();
    }
}
