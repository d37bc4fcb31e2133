package io.jenkins.plugins.kubernetesdelivery.cli;

import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unpin APP}: lifts the pin a rollback left, without deploying. */
@Command(name = "unpin", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Lifts the pin a rollback left on APP, so that the next deploy (from Jenkins or from here) may"
                + " go ahead; nothing else changes. Recorded in the history.")
final class UnpinCommand extends ClusterCommand {

    @Parameters(paramLabel = "APP", description = "The app.")
    String app;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the history.")
    String reason;

    @Override
    void run(Session s) {
        String ns = s.namespace();
        ReleaseHistory.Pin pin = s.engine().unpin(app, ns, s.actor(), reason);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", ns);
        m.put("app", app);
        m.put("unpinned", pin != null);
        m.put("pin", pin);
        print(s, m, () -> pin == null ? ns + "/" + app + " was not pinned; nothing changed\n"
                : ns + "/" + app + " is no longer pinned to " + pin.release() + " (pinned by "
                        + (pin.by() == null ? "someone" : pin.by()) + (pin.reason() == null ? "" : ": " + pin.reason())
                        + ")\n");
    }
}
