package io.jenkins.plugins.kubernetesdelivery.cli;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code history APP}: the deploys, rollbacks and unpins recorded in the ConfigMap {@code <app>-releases}. */
@Command(name = "history", sortOptions = false, mixinStandardHelpOptions = true,
        description = "The history of APP, newest first: deploys, rollbacks and unpins with their outcome, who and"
                + " why. -o json|yaml prints the history as stored (docs/releases.md).")
final class HistoryCommand extends ClusterCommand {

    @Parameters(paramLabel = "APP", description = "The app.")
    String app;

    @Override
    void run(Session s) {
        String ns = s.namespace();
        ReleaseHistory h = s.engine().history(app, ns);
        if (h.lastRelease() == 0 && h.entries().isEmpty()) {
            throw new DeliveryException(ns + "/" + app + " has no history: nothing was deployed under that app name"
                    + " in namespace " + ns);
        }
        print(s, h, () -> table(h));
    }

    static String table(ReleaseHistory h) {
        Output.Table t = new Output.Table("AT", "ACTION", "RELEASE", "FROM", "OUTCOME", "BY", "DETAILS");
        for (ReleaseHistory.Entry e : h.entries()) {
            String details = e.message() != null ? e.message() : e.reason();
            t.row(e.at(), e.action(), e.release(), e.from(), e.outcome(), e.by(), details);
        }
        return t.toString();
    }
}
