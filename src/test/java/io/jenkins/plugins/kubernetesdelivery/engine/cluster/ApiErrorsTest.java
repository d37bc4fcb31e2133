package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void theServersMessageIsTheReason() {
        KubernetesClientException e = new KubernetesClientException(new StatusBuilder()
                .withCode(422)
                .withMessage("Service \"web\" is invalid:\n spec.ports: Required value")
                .build());

        assertThat(ApiErrors.reason(e)).isEqualTo("Service \"web\" is invalid: spec.ports: Required value");
    }

    @Test
    void withoutAStatusTheClientsMessageOrTheTypeIsTheReason() {
        assertThat(ApiErrors.reason(new KubernetesClientException("connect timed out\n")))
                .isEqualTo("connect timed out");
        assertThat(ApiErrors.reason(new KubernetesClientException((String) null)))
                .isEqualTo("KubernetesClientException");
    }

    @Test
    void aRequestThatDidNotGetThroughSaysWhy() {
        KubernetesClientException e = new KubernetesClientException(
                "Operation: [get] for kind: [ConfigMap] with" + " name: [web-releases] in namespace: [shop] failed.",
                new IOException("wrapped", new ConnectException("Connection refused")));

        assertThat(ApiErrors.reason(e))
                .isEqualTo("Operation: [get] for kind: [ConfigMap] with name: [web-releases]"
                        + " in namespace: [shop] failed: Connection refused");
    }

    @Test
    void oneLineJoinsLinesAndCutsLongText() {
        assertThat(ApiErrors.oneLine("  pull failed:\n\trpc error \r\n code = NotFound "))
                .isEqualTo("pull failed: rpc error code = NotFound");
        assertThat(ApiErrors.oneLine("x".repeat(301))).isEqualTo("x".repeat(300) + "…");
        assertThat(ApiErrors.oneLine("x".repeat(300))).isEqualTo("x".repeat(300));
        assertThat(ApiErrors.oneLine(null)).isEmpty();
    }
}
