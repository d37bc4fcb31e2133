package io.jenkins.plugins.kubernetesdelivery.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A command that talks to the cluster: opens the session, runs, closes it; 0 on success, failures are thrown. */
abstract class ClusterCommand implements Callable<Integer> {

    @ParentCommand
    KubectlDelivery root;

    @Mixin
    ClusterOptions cluster;

    @Override
    public final Integer call() throws Exception {
        try (Session s = Session.open(root.ctx, cluster)) {
            run(s);
        }
        return 0;
    }

    abstract void run(Session s) throws Exception;

    /** Prints the result on stdout in the chosen format, once the spinner is gone. */
    void print(Session s, Object data, java.util.function.Supplier<String> human) {
        s.progress.close();
        Output.print(root.ctx.out(), cluster.output, data, human);
    }
}
