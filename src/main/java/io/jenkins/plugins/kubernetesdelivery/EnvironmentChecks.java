package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.util.FormValidation;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The checks behind the environment and approval form fields, and behind saving the environment list. */
final class EnvironmentChecks {

    private EnvironmentChecks() {}

    static FormValidation name(String value) {
        return error(nameRule(KubernetesCluster.trimToNull(value)));
    }

    static FormValidation cluster(String value, List<KubernetesCluster> clusters) {
        return error(clusterRule(KubernetesCluster.trimToNull(value), clusters));
    }

    static FormValidation namespace(String value) {
        return error(namespaceRule(KubernetesCluster.trimToNull(value)));
    }

    static FormValidation jobs(String value) {
        List<String> lines = JobPatterns.lines(value);
        if (lines.isEmpty()) {
            return FormValidation.ok(Messages.EnvironmentChecks_AllJobs());
        }
        return error(jobsRule(lines));
    }

    static FormValidation approvers(String value) {
        return error(approversRule(value));
    }

    static FormValidation timeoutMinutes(String value) {
        try {
            return error(timeoutRule(Integer.parseInt(value == null ? "" : value.strip())));
        } catch (NumberFormatException e) {
            return FormValidation.error(
                    Messages.EnvironmentChecks_Timeout(value, String.valueOf(Approval.MAX_TIMEOUT_MINUTES)));
        }
    }

    static FormValidation allowSelfApproval(boolean value) {
        return value ? FormValidation.warning(Messages.EnvironmentChecks_SelfApproval()) : FormValidation.ok();
    }

    /**
     * What is wrong with a list of environments about to be saved: missing, invalid or duplicate names, patterns,
     * namespaces, approval settings, and (unless {@code clusters} is {@code null}) clusters that are not configured.
     * Empty when the list can be saved.
     */
    static List<String> problems(List<Environment> environments, @CheckForNull List<KubernetesCluster> clusters) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Environment e : environments) {
            if (e.getName() == null) {
                problems.add(Messages.EnvironmentChecks_NoName());
                continue;
            }
            if (!seen.add(e.getName())) {
                problems.add(Messages.EnvironmentChecks_Duplicate(e.getName()));
                continue;
            }
            List<Optional<String>> rules = new ArrayList<>();
            rules.add(nameRule(e.getName()));
            rules.add(clusterRule(e.getCluster(), clusters));
            rules.add(namespaceRule(e.getNamespace()));
            rules.add(jobsRule(e.getJobPatterns()));
            Approval approval = e.getApproval();
            if (approval != null) {
                rules.add(approversRule(approval.getApprovers()));
                rules.add(timeoutRule(approval.getTimeoutMinutes()));
            }
            for (Optional<String> rule : rules) {
                rule.ifPresent(r -> problems.add(Messages.EnvironmentChecks_Invalid(e.getName(), r)));
            }
        }
        return problems;
    }

    private static FormValidation error(Optional<String> rule) {
        return rule.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    private static Optional<String> nameRule(String name) {
        return KubernetesNames.checkDns1123Label(name)
                .map(r -> Messages.EnvironmentChecks_Name(name == null ? "" : name, r));
    }

    /** Without {@code clusters}, only that a cluster is named. */
    private static Optional<String> clusterRule(String cluster, @CheckForNull List<KubernetesCluster> clusters) {
        if (cluster == null) {
            return Optional.of(Messages.EnvironmentChecks_NoCluster());
        }
        if (clusters != null && clusters.stream().noneMatch(c -> cluster.equals(c.getName()))) {
            return Optional.of(Messages.EnvironmentChecks_UnknownCluster(
                    cluster,
                    Targets.names(
                            clusters.stream().map(KubernetesCluster::getName).toList())));
        }
        return Optional.empty();
    }

    private static Optional<String> namespaceRule(String namespace) {
        if (namespace == null) {
            return Optional.empty();
        }
        return KubernetesNames.checkDns1123Label(namespace)
                .map(r -> Messages.EnvironmentChecks_Namespace(namespace, r));
    }

    private static Optional<String> jobsRule(List<String> patterns) {
        if (patterns.size() > JobPatterns.MAX_PATTERNS) {
            return Optional.of(Messages.EnvironmentChecks_TooManyPatterns(JobPatterns.MAX_PATTERNS, patterns.size()));
        }
        for (String p : patterns) {
            Optional<String> rule = JobPatterns.check(p);
            if (rule.isPresent()) {
                return Optional.of(Messages.EnvironmentChecks_Pattern(p, rule.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> approversRule(String approvers) {
        if (Approval.split(approvers).isEmpty()) {
            return Optional.of(Messages.EnvironmentChecks_NoApprovers());
        }
        return Optional.empty();
    }

    private static Optional<String> timeoutRule(int minutes) {
        if (minutes < 1 || minutes > Approval.MAX_TIMEOUT_MINUTES) {
            return Optional.of(Messages.EnvironmentChecks_Timeout(
                    String.valueOf(minutes), String.valueOf(Approval.MAX_TIMEOUT_MINUTES)));
        }
        return Optional.empty();
    }
}
