package io.jenkins.plugins.kubernetesdelivery.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one error model: a one-line reason, the problems of an invalid request, details to show after them. */
class DeliveryExceptionTest {

    @Test
    void anInvalidRequestListsEveryProblemUnderItsReason() {
        DeliveryException e = DeliveryException.invalid(
                "the deploy request for shop/web",
                List.of("app 'Web' must consist of lower case letters", "keep 1 must be between 2 and 50"));

        assertThat(e.reason()).isEqualTo("the deploy request for shop/web is invalid; nothing in the cluster changed");
        assertThat(e.problems()).hasSize(2);
        assertThat(e.details()).isEmpty();
        assertThat(e.getMessage())
                .isEqualTo(
                        "the deploy request for shop/web is invalid; nothing in the cluster"
                                + " changed:\n  - app 'Web' must consist of lower case letters\n  - keep 1 must be between 2 and 50");
    }

    @Test
    void anInvalidRequestHasAProblem() {
        assertThatThrownBy(() -> DeliveryException.invalid("x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReasonIsOneLine() {
        DeliveryException e = new DeliveryException("cannot switch Service shop/web:\n  conflict\n");

        assertThat(e.reason()).isEqualTo("cannot switch Service shop/web: conflict");
        assertThat(e.getMessage()).isEqualTo(e.reason());
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void aFailedBakeShowsTheBuildersLastLinesAsDetails() {
        BakeException e = new BakeException(
                "the builder container of builds/bake-x exited with code 1",
                List.of("step 7: RUN make", "make: *** [all] Error 2"));

        assertThat(e).isInstanceOf(DeliveryException.class);
        assertThat(e.details())
                .containsExactly("last builder log lines:", "  step 7: RUN make", "  make: *** [all] Error 2");
        assertThat(e.getMessage())
                .isEqualTo("the builder container of builds/bake-x exited with code 1\n"
                        + "last builder log lines:\n  step 7: RUN make\n  make: *** [all] Error 2");
        assertThat(e.lastLogLines()).containsExactly("step 7: RUN make", "make: *** [all] Error 2");
    }
}
