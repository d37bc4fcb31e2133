package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Who may use "Test connection" and see the credentials list. Root build only. */
@WithJenkins
class TestConnectionJenkinsTest {

    private static final String TEST_CONNECTION = "descriptorByName/" + KubernetesCluster.class.getName()
            + "/testConnection?name=c&serverUrl=ftp%3A%2F%2Fk8s.example.com";

    private JenkinsRule r;

    @BeforeEach
    void security(JenkinsRule r) {
        this.r = r;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
    }

    @Test
    void onlyAdministratorsCanTestAConnection() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false)) {
            wc.login("reader");
            assertThat(post(wc).getStatusCode()).isEqualTo(403);

            wc.login("admin");
            WebResponse answer = post(wc);
            assertThat(answer.getStatusCode()).isEqualTo(200);
            assertThat(answer.getContentAsString()).contains("Not tested").contains("https://");
        }
    }

    @Test
    void testConnectionAnswersPostOnly() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false)) {
            wc.login("admin");
            WebResponse get = wc.getPage(new WebRequest(new URL(r.getURL(), TEST_CONNECTION), HttpMethod.GET))
                    .getWebResponse();
            assertThat(get.getStatusCode()).isNotEqualTo(200);
            assertThat(get.getContentAsString()).doesNotContain("Not tested");
        }
    }

    @Test
    void credentialsAreListedForAdministratorsOnlyAndOnlyUsableKinds() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "deployer-token", "a token", Secret.fromString("t0ken")));
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "registry-login",
                        "not for clusters",
                        "user",
                        "a-long-enough-password"));
        SystemCredentialsProvider.getInstance().save();
        KubernetesCluster.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(KubernetesCluster.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(descriptor.doFillCredentialsIdItems("", "")).isEmpty();
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            ListBoxModel items = descriptor.doFillCredentialsIdItems("", "");
            assertThat(items)
                    .extracting(o -> o.value)
                    .contains("", "deployer-token")
                    .doesNotContain("registry-login");
        }
    }

    private WebResponse post(JenkinsRule.WebClient wc) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), TEST_CONNECTION), HttpMethod.POST);
        return wc.getPage(wc.addCrumb(request)).getWebResponse();
    }
}
