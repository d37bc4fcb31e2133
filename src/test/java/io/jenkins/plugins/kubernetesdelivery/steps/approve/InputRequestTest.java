package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Audit case 35: the input id is URL-safe whatever the environment is called; an approval always has submitters. */
class InputRequestTest {

    @Test
    void theIdComesFromTheEnvironmentAndIsUrlSafe() {
        assertThat(InputRequest.idFor("production")).isEqualTo("ApproveFor-production");
        assertThat(InputRequest.idFor("eu-west_1")).isEqualTo("ApproveFor-eu-west_1");
        assertThat(InputRequest.idFor("../a b%2F?x=1&y'")).isEqualTo("ApproveFor----a-b-2F-x-1-y-");
        assertThat(InputRequest.idFor("prod.uction")).doesNotContain(".");
    }

    @Test
    void withoutSubmittersAnyoneWithJobBuildCouldApprove_soItIsRefused() {
        assertThatThrownBy(() -> new InputRequest("m", "ApproveFor-x", " ", "Approve", "Reject", "approver"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputRequest("m", "ApproveFor-x", null, "Approve", "Reject", "approver"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
