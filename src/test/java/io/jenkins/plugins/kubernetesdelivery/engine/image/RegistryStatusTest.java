package io.jenkins.plugins.kubernetesdelivery.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Audit case 11: the registry's answer from the builder's last lines, for the one-line reason. */
class RegistryStatusTest {

    static final String REPO = "registry.example.com/shop/web";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // BuildKit
                "error: failed to solve: failed to push registry.example.com/shop/web:1: unexpected status from PUT request"
                        + " to https://registry.example.com/v2/shop/web/manifests/1: 401 Unauthorized"
                        + "|the registry answered 401 Unauthorized; check the registry credentials for " + REPO,
                "error: failed to solve: failed to authorize: failed to fetch oauth token: 403 Forbidden"
                        + "|the registry answered 403 Forbidden; check that the registry credentials may push to "
                        + REPO,
                "error: failed to solve: failed to push x: failed to do request: 503 Service Unavailable"
                        + "|the registry answered 503 Service Unavailable; the registry failed: try again later",
                "error: failed to push: 429 Too Many Requests|the registry answered 429 Too Many Requests; the registry"
                        + " limits requests: try again later",
                // Kaniko
                "error checking push permissions -- make sure you entered the correct tag name, and that you are"
                        + " authenticated correctly, and try again: checking push permission for \"x\": POST"
                        + " https://registry.example.com/v2/shop/web/blobs/uploads/: UNAUTHORIZED: authentication required"
                        + "|the registry answered UNAUTHORIZED; check the registry credentials for " + REPO,
                "PUT https://registry.example.com/v2/shop/web/manifests/1: DENIED: requested access to the resource is"
                        + " denied|the registry answered DENIED; check that the registry credentials may push to "
                        + REPO,
                "PUT https://r/v2/shop/web/manifests/1: NAME_UNKNOWN: repository name not known to registry"
                        + "|the registry answered NAME_UNKNOWN; check that the repository " + REPO + " exists",
            })
    void theRegistrysAnswerIsNamed(String line, String expected) {
        assertThat(RegistryStatus.describe(List.of("#7 pushing layers", line, "#8 DONE"), REPO))
                .contains(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "curl: (22) The requested URL returned error: 404 Not Found",
                "#5 RUN make test",
                "error: failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2",
            })
    void otherFailuresNameNoRegistryStatus(String line) {
        assertThat(RegistryStatus.describe(List.of(line), REPO)).isEmpty();
    }
}
