package io.jenkins.plugins.kubernetesdelivery;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConfigs;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks behind the cluster form fields and behind saving the cluster list. The rules themselves are the
 * engine's ({@link ClusterConfigs}, {@link KubernetesNames}); this only turns them into form answers.
 */
final class ClusterChecks {

    private ClusterChecks() {}

    static FormValidation name(String value) {
        String name = KubernetesCluster.trimToNull(value);
        return KubernetesNames.checkDns1123Label(name)
                .map(rule -> FormValidation.error(Messages.ClusterChecks_Name(name == null ? "" : name, rule)))
                .orElseGet(FormValidation::ok);
    }

    static FormValidation serverUrl(String value) {
        String url = KubernetesCluster.trimToNull(value);
        if (url == null) {
            return FormValidation.ok(Messages.ClusterChecks_InCluster());
        }
        List<String> problems = ClusterConfigs.validate(new ClusterConnection("check", url, null, null, false, null));
        if (!problems.isEmpty()) {
            return FormValidation.error(problems.get(0));
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("http:")) {
            return FormValidation.warning(Messages.ClusterChecks_PlainHttp());
        }
        return FormValidation.ok();
    }

    static FormValidation namespace(String value) {
        String namespace = KubernetesCluster.trimToNull(value);
        if (namespace == null) {
            return FormValidation.ok();
        }
        return KubernetesNames.checkDns1123Label(namespace)
                .map(rule -> FormValidation.error(Messages.ClusterChecks_Namespace(namespace, rule)))
                .orElseGet(FormValidation::ok);
    }

    static FormValidation caCertificate(String value) {
        String pem = KubernetesCluster.trimToNull(value);
        List<String> problems = ClusterConfigs.validate(new ClusterConnection("check", null, null, pem, false, null));
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(problems.get(0));
    }

    static FormValidation skipTlsVerify(boolean value) {
        return value ? FormValidation.warning(Messages.ClusterChecks_SkipTlsVerify()) : FormValidation.ok();
    }

    /**
     * Direct use lets every job name this cluster and any namespace in it; with in-cluster access (no server URL, no
     * credentials) that hands the controller's own service account to every job.
     */
    static FormValidation allowDirectUse(boolean value, String serverUrl, String credentialsId) {
        if (!value) {
            return FormValidation.ok();
        }
        if (KubernetesCluster.trimToNull(serverUrl) == null && KubernetesCluster.trimToNull(credentialsId) == null) {
            return FormValidation.warning(Messages.ClusterChecks_DirectUseInCluster());
        }
        return FormValidation.warning(Messages.ClusterChecks_DirectUse());
    }

    /** Whether credentials found under {@code id} (or {@code null}: none found) can log in to Kubernetes. */
    static FormValidation credentials(String id, @CheckForNull StandardCredentials found) {
        if (found == null) {
            return FormValidation.error(Messages.ClusterChecks_CredentialsNotFound(id));
        }
        try {
            CredentialsTranslator.translate(found);
            return FormValidation.ok();
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * What is wrong with a list of clusters about to be saved: missing, invalid or duplicate names, and settings the
     * engine would refuse. Empty when the list can be saved.
     */
    static List<String> problems(List<KubernetesCluster> clusters) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (KubernetesCluster c : clusters) {
            if (c.getName() == null) {
                problems.add(Messages.ClusterChecks_NoName());
                continue;
            }
            if (!seen.add(c.getName())) {
                problems.add(Messages.ClusterChecks_Duplicate(c.getName()));
                continue;
            }
            ClusterConnection settings = new ClusterConnection(
                    c.getName(), c.getServerUrl(), c.getNamespace(), c.getCaCertificate(), c.isSkipTlsVerify(), null);
            for (String p : ClusterConfigs.validate(settings)) {
                problems.add(Messages.ClusterChecks_Invalid(c.getName(), p));
            }
        }
        return problems;
    }
}
