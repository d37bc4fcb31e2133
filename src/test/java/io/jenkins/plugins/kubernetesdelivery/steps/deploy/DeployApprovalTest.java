package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.Target;
import org.junit.jupiter.api.Test;

/** The fallback approval gate: policy none passes with no approver, policy required is refused until approveFor. */
class DeployApprovalTest {

    private static final KubernetesCluster PROD = new KubernetesCluster("prod");

    @Test
    void noPolicyNeedsNoApprover() throws AbortException {
        Environment staging = new Environment("staging", "prod");
        assertThat(DeployApproval.WITHOUT_A_GATE.approverFor(new Target(PROD, "shop-staging", staging), null))
                .isNull();
        assertThat(DeployApproval.WITHOUT_A_GATE.approverFor(new Target(PROD, "shop", null), null))
                .as("direct use of a cluster has no policy")
                .isNull();
    }

    @Test
    void policyRequiredIsRefusedNamingTheRule() {
        Environment production = new Environment("production", "prod");
        production.setApproval(new Approval("release-managers"));
        assertThatThrownBy(() -> DeployApproval.WITHOUT_A_GATE.approverFor(new Target(PROD, "shop", production), null))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Environment 'production' requires an approval (approval policy \"required\"),"
                        + " and no approval check is registered")
                .hasMessageContaining("nothing was changed");
    }
}
