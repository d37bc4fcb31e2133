package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.CredentialsParameterValue;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnameSpecification;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterCredentials;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Audit D-12: a build finds a cluster's credentials exactly where the form and Test connection do, in the global
 * store as SYSTEM, and no build parameter can point the cluster at other credentials. Root build only.
 */
@WithJenkins
class ClusterCredentialsJenkinsTest {

    private JenkinsRule r;
    private KubernetesCluster cluster;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        cluster = new KubernetesCluster("prod");
        cluster.setServerUrl("https://k8s.example.com:6443");
        cluster.setCredentialsId("prod-token");
        DeliveryConfiguration.get().setClusters(List.of(cluster));
    }

    @Test
    void aCredentialsParameterNamedLikeTheIdCannotRedirectTheCluster() throws Exception {
        addGlobal(token(CredentialsScope.GLOBAL, "prod-token", "the-cluster-token"));
        addGlobal(token(CredentialsScope.GLOBAL, "other-token", "another-environments-token"));
        FreeStyleProject p = r.createFreeStyleProject("p");
        p.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition(
                "prod-token", "shadows the cluster's credentials id", "", StringCredentials.class.getName(), false)));
        AtomicReference<ClusterConnection> seen = resolveDuringTheBuild(p);

        r.assertBuildStatusSuccess(p.scheduleBuild2(
                0,
                new ParametersAction(new CredentialsParameterValue("prod-token", "other-token", "picked by a user"))));

        assertThat(seen.get().credentials()).isEqualTo(new ClusterCredentials.Token("the-cluster-token"));
    }

    @Test
    void systemScopedCredentialsWorkForBuildsAsForTheFormAndAreRecordedOnTheBuild() throws Exception {
        StandardCredentials c = token(CredentialsScope.SYSTEM, "prod-token", "the-cluster-token");
        addGlobal(c);
        KubernetesCluster.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(KubernetesCluster.DescriptorImpl.class);
        assertThat(descriptor.doCheckCredentialsId("prod-token", cluster.getServerUrl()).kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doFillCredentialsIdItems("", cluster.getServerUrl()))
                .extracting(o -> o.value)
                .contains("prod-token");
        FreeStyleProject p = r.createFreeStyleProject("p");
        AtomicReference<ClusterConnection> seen = resolveDuringTheBuild(p);

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        assertThat(seen.get().credentials()).isEqualTo(new ClusterCredentials.Token("the-cluster-token"));
        assertThat(CredentialsProvider.getFingerprintOf(c)).isNotNull();
        assertThat(CredentialsProvider.getFingerprintOf(c).getRangeSet(p).includes(b.getNumber()))
                .isTrue();
    }

    @Test
    void credentialsOfAnotherDomainAreNeitherOfferedNorUsed() throws Exception {
        Domain other = new Domain(
                "other", "another cluster's domain", List.of(new HostnameSpecification("other.example.com", null)));
        Map<Domain, List<Credentials>> map =
                new HashMap<>(SystemCredentialsProvider.getInstance().getDomainCredentialsMap());
        map.put(other, List.of(token(CredentialsScope.GLOBAL, "prod-token", "for-other-only")));
        SystemCredentialsProvider.getInstance().setDomainCredentialsMap(map);
        KubernetesCluster.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(KubernetesCluster.DescriptorImpl.class);

        assertThat(descriptor.doCheckCredentialsId("prod-token", cluster.getServerUrl()).kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doFillCredentialsIdItems("", cluster.getServerUrl()))
                .extracting(o -> o.value)
                .doesNotContain("prod-token");
        assertThat(descriptor.doFillCredentialsIdItems("", "https://other.example.com"))
                .extracting(o -> o.value)
                .contains("prod-token");
        FreeStyleProject p = r.createFreeStyleProject("p");
        AtomicReference<ClusterConnection> seen = resolveDuringTheBuild(p);

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        assertThat(seen.get()).isNull();
        r.assertLogContains(Messages.Credentials_NotFound("prod-token", "prod"), b);
    }

    /** A build step that resolves the cluster for its build, as the delivery steps do, and keeps the result. */
    private AtomicReference<ClusterConnection> resolveDuringTheBuild(FreeStyleProject p) {
        AtomicReference<ClusterConnection> seen = new AtomicReference<>();
        p.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) {
                try {
                    seen.set(ClusterConnections.resolve(
                            DeliveryConfiguration.get().getCluster("prod"), build));
                } catch (IOException e) {
                    listener.getLogger().println(e.getMessage());
                }
                return true;
            }
        });
        return seen;
    }

    private static StandardCredentials token(CredentialsScope scope, String id, String secret) {
        return new StringCredentialsImpl(scope, id, "test token", Secret.fromString(secret));
    }

    private static void addGlobal(StandardCredentials c) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(c);
        SystemCredentialsProvider.getInstance().save();
    }
}
