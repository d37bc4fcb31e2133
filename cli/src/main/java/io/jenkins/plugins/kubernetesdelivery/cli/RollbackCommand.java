package io.jenkins.plugins.kubernetesdelivery.cli;

import io.jenkins.plugins.kubernetesdelivery.engine.release.RollbackRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.RollbackResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollback APP --reason TEXT}: back to an earlier release, pinning the app to it. */
@Command(name = "rollback", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Switches APP back to an earlier release and pins it there: a warm target is one selector"
                + " switch, a cold one is scaled up and waited for first. Deploys are refused until the pin is lifted"
                + " (unpin, or deploy --unpin).")
final class RollbackCommand extends ClusterCommand {

    @Parameters(paramLabel = "APP", description = "The app.")
    String app;

    @Option(names = "--to", paramLabel = "RELEASE", defaultValue = "previous",
            description = "previous (default: the warm release), vN, a git commit (7 to 40 hex digits) or an image"
                    + " digest sha256:….")
    String to;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
            description = "Why; recorded with the pin and in the history.")
    String reason;

    @Option(names = "--allow-schema-change",
            description = "Allow a target whose schema version differs from the live one (recorded).")
    boolean allowSchemaChange;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "How long a cold target may take to become ready (default 10m).")
    Duration timeout;

    @Override
    void run(Session s) {
        String ns = s.namespace();
        RollbackRequest request = RollbackRequest.builder(app, ns).target(to).reason(reason)
                .allowSchemaChange(allowSchemaChange).timeout(timeout).actor(s.actor()).build();
        RollbackResult r;
        long start = System.nanoTime();
        try (Cancellation c = Cancellation.onShutdown(() -> { })) {
            r = s.engine().rollback(request);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", ns);
        m.put("app", app);
        m.put("release", r.release());
        m.put("from", r.from());
        m.put("changed", !r.unchanged());
        m.put("cold", r.cold());
        m.put("services", r.services());
        m.put("pinnedTo", r.release());
        m.put("durationMs", millis);
        print(s, m, () -> r.unchanged()
                ? ns + "/" + app + " " + r.release() + " is live already; nothing changed (" + Output.seconds(millis)
                        + ")\n"
                : ns + "/" + app + " " + r.release() + " is live (was " + r.from() + (r.cold() ? ", scaled up from 0"
                        : "") + "), pinned to " + r.release() + "; rolled back in " + Output.seconds(millis) + "\n");
    }
}
