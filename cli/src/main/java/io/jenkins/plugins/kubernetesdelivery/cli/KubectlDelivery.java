package io.jenkins.plugins.kubernetesdelivery.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kubectl delivery}: the Kubernetes Delivery engine on the command line, for laptops and for the day Jenkins
 * is down. The release history lives in the cluster, so Jenkins and this command see the same releases, pins and
 * history. Exit code 0 on success, 1 on any failure, with one line {@code error: …} on stderr; progress goes to
 * stderr, results to stdout.
 */
@Command(name = "kubectl delivery", mixinStandardHelpOptions = true, version = "kubectl delivery 0-SNAPSHOT",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Labeled blue-green releases from the command line, with the same engine and release history"
                + " as the Kubernetes Delivery Jenkins plugin.",
        subcommands = {StatusCommand.class, HistoryCommand.class, DeployCommand.class, RollbackCommand.class,
                UnpinCommand.class, BakeCommand.class})
public final class KubectlDelivery implements Runnable {

    final CliContext ctx;

    public KubectlDelivery(CliContext ctx) {
        this.ctx = ctx;
    }

    public static void main(String[] args) {
        System.exit(new KubectlDelivery(CliContext.system()).execute(args));
    }

    /** Runs one command line; returns the exit code. */
    public int execute(String... args) {
        CommandLine cl = new CommandLine(this);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            ctx.err().println("error: " + Errors.oneLine(ex.getMessage()) + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            ctx.err().println(Errors.line(ex));
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(ctx.out());
    }
}
