package io.jenkins.plugins.kubernetesdelivery.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepFailuresTest {

    /** An engine failure with details, as a bake's (its builder's last log lines). */
    static final class WithDetails extends DeliveryException {
        private static final long serialVersionUID = 1L;

        WithDetails(String reason, List<String> details) {
            super(reason, List.of(), details, null);
        }
    }

    private final StepConsole console =
            new StepConsole("bakeImage", () -> new PrintStream(OutputStream.nullOutputStream()));

    @Test
    void anEngineFailureIsAnAbortExceptionWithReasonProblemsAndDetails() {
        Throwable invalid = StepFailures.of(DeliveryException.invalid(
                "the deploy request for shop/web",
                List.of("app 'Web' must be a DNS-1123 label", "image 'web' is not pinned by digest")));
        assertThat(invalid)
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("the deploy request for shop/web is invalid; nothing in the cluster changed:\n"
                        + "  - app 'Web' must be a DNS-1123 label\n  - image 'web' is not pinned by digest")
                .hasNoCause();

        Throwable failed = StepFailures.of(new WithDetails(
                "the build of shop/web failed: exit code 1", List.of("#5 ERROR: failed to solve", "#5 exit code: 1")));
        assertThat(failed)
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("the build of shop/web failed: exit code 1\n#5 ERROR: failed to solve\n#5 exit code: 1");
    }

    @Test
    void secretsAreMaskedInEveryText() {
        console.addSecret("hunter2");
        Throwable engine =
                StepFailures.of(new WithDetails("login failed", List.of("password hunter2 refused")), console);
        assertThat(engine).hasMessage("login failed\npassword **** refused");

        Throwable abort = StepFailures.of(new AbortException("bad hunter2"), console);
        assertThat(abort).isExactlyInstanceOf(AbortException.class).hasMessage("bad ****");

        IOException leaky = new IOException("cannot write", new IllegalStateException("token hunter2"));
        Throwable masked = StepFailures.of(leaky, console);
        assertThat(masked)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("java.io.IOException: cannot write")
                .hasNoCause();
        assertThat(masked.getStackTrace()).isEqualTo(leaky.getStackTrace());

        IOException ownText = new IOException("cannot write hunter2");
        assertThat(StepFailures.of(ownText, console)).hasMessage("java.io.IOException: cannot write ****");
    }

    @Test
    void anythingElsePropagatesAsItIs() {
        IllegalArgumentException bug = new IllegalArgumentException("handle of another app");
        assertThat(StepFailures.of(bug)).isSameAs(bug);
        console.addSecret("hunter2");
        InterruptedException interrupted = new InterruptedException();
        assertThat(StepFailures.of(interrupted, console)).isSameAs(interrupted);
    }
}
