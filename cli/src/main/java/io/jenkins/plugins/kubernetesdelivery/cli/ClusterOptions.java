package io.jenkins.plugins.kubernetesdelivery.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command takes, with kubectl's names and meanings. */
final class ClusterOptions {

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "The namespace (default: the context's namespace, else default).")
    String namespace;

    @Option(names = "--context", paramLabel = "NAME",
            description = "The kubeconfig context to use (default: its current-context).")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--as", paramLabel = "USER",
            description = "Act as this user, as kubectl --as does (impersonation), and record this user as the actor.")
    String as;

    @Option(names = "--as-group", paramLabel = "GROUP",
            description = "A group to impersonate with --as; repeat for several.")
    List<String> asGroups = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or yaml.")
    Output.Format output;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr; errors still go there.")
    boolean quiet;
}
