package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictsTest {

    private static KubernetesClientException status(int code) {
        return new KubernetesClientException("HTTP " + code, code, null);
    }

    @Test
    void aConflictRunsTheAttemptAgain() {
        AtomicInteger calls = new AtomicInteger();
        String result = Conflicts.retry(3, () -> {
            if (calls.incrementAndGet() < 3) {
                throw status(409);
            }
            return "written";
        });
        assertThat(result).isEqualTo("written");
        assertThat(calls).hasValue(3);
    }

    @Test
    void theLastConflictGoesToExhausted() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Conflicts.retry(
                        3,
                        () -> {
                            calls.incrementAndGet();
                            throw status(409);
                        },
                        e -> new IllegalStateException("gave up after " + e.getCode())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gave up after 409");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anythingElsePropagatesAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        KubernetesClientException forbidden = status(403);
        assertThatThrownBy(() -> Conflicts.retry(3, () -> {
                    calls.incrementAndGet();
                    throw forbidden;
                }))
                .isSameAs(forbidden);
        assertThatThrownBy(() -> Conflicts.retry(3, () -> {
                    calls.incrementAndGet();
                    throw new IllegalArgumentException("worded by the attempt");
                }))
                .hasMessage("worded by the attempt");
        assertThat(calls).hasValue(2);
    }
}
