package io.jenkins.plugins.kubernetesdelivery.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without a testenv cluster, cluster tests fail and say how to start one; they are never skipped. */
class TestenvTest {

    private final String saved = System.getProperty("testenv.kubeconfig");

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty("testenv.kubeconfig");
        } else {
            System.setProperty("testenv.kubeconfig", saved);
        }
    }

    @Test
    void aMissingKubeconfigFailsWithInstructions() {
        System.setProperty("testenv.kubeconfig", "/nonexistent/testenv/kubeconfig");
        assertThatThrownBy(Testenv::kubeconfig)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Start it from the repository root with 'testenv/up'")
                .hasMessageContaining("/nonexistent/testenv/kubeconfig");
    }

    @Test
    void theRepositoryRootHoldsTheTestenvScripts() {
        assertThat(Files.isExecutable(Testenv.repositoryRoot().resolve("testenv/up")))
                .isTrue();
        assertThat(Files.isExecutable(Testenv.repositoryRoot().resolve("testenv/down")))
                .isTrue();
    }
}
