package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterruptsTest {

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
    }

    @Test
    void cleanUpRunsWithTheFlagClearedAndTheFlagIsSetAgain() {
        List<Boolean> seen = new ArrayList<>();
        Thread.currentThread().interrupt();

        String result = Interrupts.supplyCleared(() -> {
            seen.add(Thread.currentThread().isInterrupted());
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(seen).as("flag during the clean-up").containsExactly(false);
        assertThat(Thread.currentThread().isInterrupted()).as("flag after it").isTrue();
    }

    @Test
    void aFlagThatWasNotSetStaysUnset() {
        Interrupts.runCleared(() -> {});

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void theFlagIsSetAgainWhenTheCleanUpFails() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Interrupts.runCleared(() -> {
                    throw new IllegalStateException("clean-up failed");
                }))
                .hasMessage("clean-up failed");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
