package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form checks and the save-time checks; messages are compared without quotes, which the real UI escapes. */
class ClusterChecksTest {

    @Test
    void namesAreDns1123Labels() {
        assertThat(ClusterChecks.name("production").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(ClusterChecks.name("").kind).isEqualTo(FormValidation.Kind.ERROR);

        FormValidation upper = ClusterChecks.name("Prod_1");
        assertThat(upper.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(upper.getMessage()).contains("Prod_1").contains("RFC 1123 label");

        FormValidation tooLong = ClusterChecks.name("a".repeat(64));
        assertThat(tooLong.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(tooLong.getMessage()).contains("no more than 63 characters (has 64)");
    }

    @Test
    void emptyServerUrlMeansInCluster() {
        FormValidation v = ClusterChecks.serverUrl(" ");

        assertThat(v.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(v.getMessage()).contains("in-cluster");
    }

    @Test
    void serverUrlMustBeHttpsOrIsWarnedAbout() {
        assertThat(ClusterChecks.serverUrl("https://127.0.0.1:6443").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(ClusterChecks.serverUrl("http://127.0.0.1:8080").kind).isEqualTo(FormValidation.Kind.WARNING);

        FormValidation ftp = ClusterChecks.serverUrl("ftp://example.com");
        assertThat(ftp.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(ftp.getMessage()).contains("must start with https://");
    }

    @Test
    void namespaceIsOptionalButMustBeALabel() {
        assertThat(ClusterChecks.namespace("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(ClusterChecks.namespace("shop").kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation bad = ClusterChecks.namespace("shop.prod");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("shop.prod").contains("RFC 1123 label");
    }

    @Test
    void caCertificateMustBePem() {
        assertThat(ClusterChecks.caCertificate("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(ClusterChecks.caCertificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----").kind)
                .isEqualTo(FormValidation.Kind.OK);

        FormValidation der = ClusterChecks.caCertificate("MIIBkTCB+wIJAKHHIG...");
        assertThat(der.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(der.getMessage()).contains("PEM-encoded");
    }

    @Test
    void skippingTlsVerificationIsWarnedAbout() {
        assertThat(ClusterChecks.skipTlsVerify(false).kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation v = ClusterChecks.skipTlsVerify(true);
        assertThat(v.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(v.getMessage()).contains("throwaway clusters only");
    }

    @Test
    void directUseIsWarnedAboutAndMoreSoForInClusterAccess() {
        assertThat(ClusterChecks.allowDirectUse(false, "", "").kind).isEqualTo(FormValidation.Kind.OK);

        FormValidation remote = ClusterChecks.allowDirectUse(true, "https://k8s.example.com", "token");
        assertThat(remote.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(remote.getMessage())
                .isEqualTo(Messages.ClusterChecks_DirectUse())
                .contains("Every job");

        FormValidation kubeconfig = ClusterChecks.allowDirectUse(true, " ", "kubeconfig");
        assertThat(kubeconfig.getMessage()).isEqualTo(Messages.ClusterChecks_DirectUse());

        FormValidation inCluster = ClusterChecks.allowDirectUse(true, " ", null);
        assertThat(inCluster.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(inCluster.getMessage())
                .isEqualTo(Messages.ClusterChecks_DirectUseInCluster())
                .contains("service account of the Jenkins controller's pod");
    }

    @Test
    void credentialsMustExistAndBeUsable() {
        assertThat(ClusterChecks.credentials("deployer", FakeCredentials.token("deployer", "t0ken")).kind)
                .isEqualTo(FormValidation.Kind.OK);

        FormValidation missing = ClusterChecks.credentials("gone", null);
        assertThat(missing.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(missing.getMessage()).contains("gone").contains("global credentials");

        FormValidation unusable = ClusterChecks.credentials("ssh-key", FakeCredentials.unsupported("ssh-key"));
        assertThat(unusable.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(unusable.getMessage()).contains("ssh-key").contains("cannot log in to Kubernetes");
    }

    @Test
    void duplicateNamesCannotBeSaved() {
        KubernetesCluster a = new KubernetesCluster("prod");
        KubernetesCluster b = new KubernetesCluster("staging");
        KubernetesCluster again = new KubernetesCluster("prod");
        again.setServerUrl("https://other.example.com");

        assertThat(ClusterChecks.problems(List.of(a, b))).isEmpty();
        assertThat(ClusterChecks.problems(List.of(a, b, again)))
                .containsExactly(Messages.ClusterChecks_Duplicate("prod"));
    }

    @Test
    void unnamedAndInvalidClustersCannotBeSaved() {
        KubernetesCluster unnamed = new KubernetesCluster("  ");
        KubernetesCluster badUrl = new KubernetesCluster("dev");
        badUrl.setServerUrl("k8s.example.com:6443");

        List<String> problems = ClusterChecks.problems(List.of(unnamed, badUrl));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).isEqualTo(Messages.ClusterChecks_NoName());
        assertThat(problems.get(1)).startsWith("Cluster 'dev': server URL 'k8s.example.com:6443'");
    }
}
