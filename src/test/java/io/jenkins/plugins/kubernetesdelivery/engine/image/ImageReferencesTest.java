package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferencesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "web", "shop/web", "registry.example.com/shop/web", "localhost/web", "localhost:5000/web",
        "127.0.0.1:5000/a/b/c", "[::1]:5000/web", "my-registry.io:443/team_a/app.v2", "a__b/c--d/e.f",
        "docker.io/library/busybox", "a0/b1"})
    void validRepositories(String repo) {
        assertThat(ImageReferences.checkRepository(repo)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
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
        assertThat(ImageReferences.checkRepository(repo)).get().asString().contains(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "1.4.2", "v1.0-rc.1", "_x", "A_B"})
    void validTags(String tag) {
        assertThat(ImageReferences.checkTag(tag)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-dash", "1.0+build", "feature/x", "a b", "x;y", "$(id)", "é"})
    void invalidTags(String tag) {
        assertThat(ImageReferences.checkTag(tag)).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
        "web, docker.io", "shop/web, docker.io", "registry.example.com/shop/web, registry.example.com",
        "localhost:5000/web, localhost:5000", "localhost/web, localhost", "127.0.0.1:5000/a, 127.0.0.1:5000"})
    void registryOfRepository(String repo, String registry) {
        assertThat(ImageReferences.registryOf(repo)).isEqualTo(registry);
    }

    @org.junit.jupiter.api.Test
    void tagLengthLimitIs128() {
        assertThat(ImageReferences.checkTag("a".repeat(128))).isEmpty();
        assertThat(ImageReferences.checkTag("a".repeat(129))).isPresent();
    }

    @org.junit.jupiter.api.Test
    void digests() {
        String hex = "0123456789abcdef".repeat(4);
        assertThat(ImageReferences.isDigest("sha256:" + hex)).isTrue();
        assertThat(ImageReferences.isDigest("sha256:" + hex.toUpperCase())).isFalse();
        assertThat(ImageReferences.isDigest("sha256:" + hex.substring(1))).isFalse();
        assertThat(ImageReferences.isDigest("sha512:" + hex)).isFalse();
        assertThat(ImageReferences.findDigest("pushed sha256:" + hex + "\n")).contains("sha256:" + hex);
        assertThat(ImageReferences.findDigest("sha256:" + hex + "0")).isEmpty();
        assertThat(ImageReferences.findDigest("no digest")).isEmpty();
    }
}
