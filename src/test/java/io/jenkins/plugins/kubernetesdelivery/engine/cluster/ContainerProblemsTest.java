package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerProblemsTest {

    @Test
    void aClassifierAddsItsOwnReasonsToTheSharedOnes() {
        assertThat(ContainerProblems.cannotStartOr("CrashLoopBackOff")).containsExactlyInAnyOrder(
                "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CrashLoopBackOff");
        assertThat(ContainerProblems.CANNOT_START).doesNotContain("CrashLoopBackOff").hasSize(3);
    }

    @Test
    void oneLineJoinsLinesAndCutsLongText() {
        assertThat(ContainerProblems.oneLine("  pull failed:\n\trpc error \r\n code = NotFound ")).isEqualTo(
                "pull failed: rpc error code = NotFound");
        assertThat(ContainerProblems.oneLine("x".repeat(301))).isEqualTo("x".repeat(300) + "…");
        assertThat(ContainerProblems.oneLine("x".repeat(300))).isEqualTo("x".repeat(300));
        assertThat(ContainerProblems.oneLine(null)).isEmpty();
    }
}
