package io.jenkins.plugins.kubernetesdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.image.PodChannels;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs {@code kubectl delivery} through its picocli entry point in this JVM, with stdout and stderr captured, the
 * environment given here (KUBECONFIG = testenv's by default), a home folder of the test's own and stderr not a
 * terminal.
 */
final class Cli {

    /** What one command line did. */
    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }

        /** Exit code 1 and exactly one stderr line, starting with {@code error: }; returns that line. */
        String failedWithOneLine() {
            assertThat(code).as("exit code; stderr: %s", err).isEqualTo(1);
            assertThat(err.lines().toList()).as("stderr").singleElement().asString().startsWith("error: ");
            return err.strip();
        }

        Result succeeded() {
            assertThat(code).as("exit code; stderr: %s", err).isZero();
            return this;
        }
    }

    final Map<String, String> env = new HashMap<>();
    final Path home;
    Function<KubernetesClient, PodChannels> channels = client -> {
        throw new AssertionError("no test may attach to a simulated pod: give this Cli stand-in channels");
    };

    Cli(Path home) {
        this.home = home;
        env.put("KUBECONFIG", Testenv.kubeconfig().toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(env), false, false,
                Path.of("").toAbsolutePath(), home, Clock.systemUTC(), channels);
        int code = new KubectlDelivery(ctx).execute(args);
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ kubectl delivery " + String.join(" ", args) + "  -> " + code + "\n" + r.err() + r.out());
        return r;
    }
}
