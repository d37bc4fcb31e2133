package io.jenkins.plugins.kubernetesdelivery.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StepConsoleTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final StepConsole console = new StepConsole("rollbackTo", () -> stream);

    private String log() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesArePrefixedAndTheLastIsKept() {
        assertThat(console.lastLine()).isNull();
        console.line("shop/web v7 is cold; scaling it up");
        console.line("two\nlines");
        assertThat(log())
                .isEqualTo("rollbackTo: shop/web v7 is cold; scaling it up\nrollbackTo: two\n" + "rollbackTo: lines\n");
        assertThat(console.lastLine()).isEqualTo("two\nlines");
    }

    @Test
    void secretsAreMaskedInLinesAndTextsLongestFirst() {
        console.addSecret("pass");
        console.addSecret("password123");
        console.addSecret(" ");
        console.addSecret(null);
        console.line("login with password123 then pass");
        assertThat(log()).isEqualTo("rollbackTo: login with **** then ****\n");
        assertThat(console.mask("a password123b")).isEqualTo("a ****b");
        assertThat(console.mask(null)).isNull();
        assertThat(new StepConsole("x", () -> stream).mask("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void switchInFlightIsTracked() {
        assertThat(console.isSwitchInFlight()).isFalse();
        console.switchInFlight(true);
        assertThat(console.isSwitchInFlight()).isTrue();
        console.switchInFlight(false);
        assertThat(console.isSwitchInFlight()).isFalse();
    }

    /** Informer and log threads print at the same time: every line comes out whole, with its prefix. */
    @Test
    void linesFromManyThreadsAreNotInterleaved() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int n = t;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    console.line("thread " + n + " line " + i + " " + "x".repeat(100));
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        String[] lines = log().split("\n");
        assertThat(lines).hasSize(1600);
        assertThat(lines).allMatch(l -> l.matches("rollbackTo: thread \\d line \\d+ x{100}"));
    }
}
