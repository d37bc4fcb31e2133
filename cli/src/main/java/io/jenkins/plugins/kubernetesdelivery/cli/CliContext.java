package io.jenkins.plugins.kubernetesdelivery.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.image.Fabric8PodChannels;
import io.jenkins.plugins.kubernetesdelivery.engine.image.PodChannels;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command may touch outside its arguments: the two output streams, the environment, whether stderr is a
 * terminal, the working and home directories, the clock, and the attach/log channels of a bake (tests against
 * testenv replace them: simulated nodes serve neither).
 *
 * @param stderrTerminal whether stderr is a terminal (a spinner is drawn only then)
 * @param stdinTerminal whether stdin is a terminal (an interactive credential plugin may read it only then)
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, boolean stderrTerminal,
        boolean stdinTerminal, Path workingDir, Path home, Clock clock,
        Function<KubernetesClient, PodChannels> channels) {

    /** The launcher script passes {@code -Dkubectl.delivery.stderr-tty=true|false} from {@code [ -t 2 ]}. */
    static final String STDERR_TTY = "kubectl.delivery.stderr-tty";
    static final String STDIN_TTY = "kubectl.delivery.stdin-tty";

    /** This process: System.out and System.err (UTF-8), its environment, its directories, the real channels. */
    public static CliContext system() {
        boolean console = System.console() != null;
        return new CliContext(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), System.getenv(),
                Boolean.parseBoolean(System.getProperty(STDERR_TTY, String.valueOf(console))),
                Boolean.parseBoolean(System.getProperty(STDIN_TTY, String.valueOf(console))),
                Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")), Clock.systemUTC(),
                client -> new Fabric8PodChannels());
    }

    /** An environment variable, or null when it is unset or empty. */
    String getenv(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** A path given on the command line, relative to the working directory. */
    Path resolve(Path p) {
        return workingDir.resolve(p).normalize();
    }
}
