package io.jenkins.plugins.kubernetesdelivery;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One cluster of the global configuration: where its API server is and which credentials reach it. Secrets stay in
 * the credentials store; this holds only the credentials ID.
 */
public final class KubernetesCluster implements Describable<KubernetesCluster> {

    private final String name;
    private String serverUrl;
    private String credentialsId;
    private String caCertificate;
    private String namespace;
    private boolean skipTlsVerify;
    /** False by default, and for configurations saved before the field existed: reachable only through environments. */
    private boolean allowDirectUse;

    @DataBoundConstructor
    public KubernetesCluster(String name) {
        this.name = trimToNull(name);
    }

    /** The name pipelines and environments refer to; unique within the configuration. */
    public String getName() {
        return name;
    }

    /** The API server URL; {@code null} means in-cluster access, or the kubeconfig's server. */
    @CheckForNull
    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = trimToNull(serverUrl);
    }

    /** A kubeconfig file, secret text token or certificate credential; {@code null} for none. */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trimToNull(credentialsId);
    }

    /** The PEM certificate authority of the API server; {@code null} for the default trust. */
    @CheckForNull
    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = trimToNull(caCertificate);
    }

    /** The default namespace; {@code null} for the credentials' default. */
    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = trimToNull(namespace);
    }

    /** Whether any server certificate is trusted: for throwaway clusters only. */
    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    /**
     * Whether a Pipeline may name this cluster directly ({@code cluster} + {@code namespace}) instead of an
     * environment. Off by default: the cluster is then reachable only through the environments that name it.
     */
    public boolean isAllowDirectUse() {
        return allowDirectUse;
    }

    @DataBoundSetter
    public void setAllowDirectUse(boolean allowDirectUse) {
        this.allowDirectUse = allowDirectUse;
    }

    @Override
    public String toString() {
        return "KubernetesCluster[" + name + "]";
    }

    static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The kinds of credentials a cluster can use. */
    static CredentialsMatcher supportedCredentials() {
        return CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class),
                CredentialsMatchers.instanceOf(StandardCertificateCredentials.class));
    }

    @Extension
    @Symbol("kubernetesCluster")
    public static final class DescriptorImpl extends Descriptor<KubernetesCluster> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.KubernetesCluster_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return ClusterChecks.name(value);
        }

        @POST
        public FormValidation doCheckServerUrl(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return ClusterChecks.serverUrl(value);
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return ClusterChecks.namespace(value);
        }

        @POST
        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return ClusterChecks.caCertificate(value);
        }

        @POST
        public FormValidation doCheckAllowDirectUse(
                @QueryParameter boolean value, @QueryParameter String serverUrl, @QueryParameter String credentialsId) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return ClusterChecks.allowDirectUse(value, serverUrl, credentialsId);
        }

        @POST
        public FormValidation doCheckSkipTlsVerify(@QueryParameter boolean value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            return ClusterChecks.skipTlsVerify(value);
        }

        /**
         * Whether the credentials exist and can log in to Kubernetes, found as builds will find them; answered to
         * administrators only.
         */
        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String serverUrl) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
            String id = trimToNull(value);
            if (id == null) {
                return trimToNull(serverUrl) == null
                        ? FormValidation.ok()
                        : FormValidation.warning(Messages.ClusterChecks_NoCredentials());
            }
            return ClusterChecks.credentials(id, ClusterConnections.lookupGlobal(id, serverUrl));
        }

        /**
         * Global credentials (System and Global scope) of the supported kinds whose domain fits the server URL: the
         * ones builds can use. Nothing for users who cannot configure Jenkins.
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String credentialsId, @QueryParameter String serverUrl) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return new ListBoxModel();
            }
            return new StandardListBoxModel()
                    .includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2,
                            Jenkins.get(),
                            StandardCredentials.class,
                            ClusterConnections.domains(serverUrl),
                            supportedCredentials())
                    .includeCurrentValue(credentialsId == null ? "" : credentialsId);
        }

        /** "Test connection": asks the API server for its version with the settings in the form. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String name,
                @QueryParameter String serverUrl,
                @QueryParameter String credentialsId,
                @QueryParameter String caCertificate,
                @QueryParameter String namespace,
                @QueryParameter boolean skipTlsVerify) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            KubernetesCluster cluster = new KubernetesCluster(trimToNull(name) == null ? "connection-test" : name);
            cluster.setServerUrl(serverUrl);
            cluster.setCredentialsId(credentialsId);
            cluster.setCaCertificate(caCertificate);
            cluster.setNamespace(namespace);
            cluster.setSkipTlsVerify(skipTlsVerify);
            try {
                return ConnectionTester.test(ClusterConnections.resolve(cluster), cluster.getCredentialsId());
            } catch (IOException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
