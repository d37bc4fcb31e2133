package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerProblemsTest {

    @Test
    void aClassifierAddsItsOwnReasonsToTheSharedOnes() {
        assertThat(ContainerProblems.cannotStartOr("CrashLoopBackOff"))
                .containsExactlyInAnyOrder(
                        "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CrashLoopBackOff");
        assertThat(ContainerProblems.CANNOT_START)
                .doesNotContain("CrashLoopBackOff")
                .hasSize(3);
    }
}
