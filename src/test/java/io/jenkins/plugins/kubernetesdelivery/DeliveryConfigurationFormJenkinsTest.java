package io.jenkins.plugins.kubernetesdelivery;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The configuration form: a round trip, and who gets answers from its endpoints. Root build only. */
@WithJenkins
class DeliveryConfigurationFormJenkinsTest {

    private static final String FILL_CLUSTERS = "descriptorByName/" + Environment.class.getName() + "/fillClusterItems";

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
    void theFormSavesWhatItShows() throws Exception {
        DeliveryConfiguration config = DeliveryConfiguration.get();
        KubernetesCluster prod = new KubernetesCluster("prod");
        prod.setServerUrl("https://k8s.example.com:6443");
        prod.setNamespace("shop");
        KubernetesCluster sandbox = new KubernetesCluster("sandbox");
        sandbox.setServerUrl("https://sandbox.example.com");
        sandbox.setAllowDirectUse(true);
        config.setClusters(List.of(prod, sandbox));
        Environment staging = new Environment("staging", "prod");
        staging.setNamespace("shop-staging");
        Environment production = new Environment("production", "prod");
        production.setJobs("shop/**\nops/release");
        Approval approval = new Approval("alice, release-managers");
        approval.setAllowSelfApproval(true);
        approval.setTimeoutMinutes(90);
        production.setApproval(approval);
        Environment lab = new Environment("lab", "sandbox");
        lab.setAllowClusterScoped(true);
        config.setEnvironments(List.of(staging, production, lab));
        BuilderDefaults defaults = new BuilderDefaults();
        defaults.setBuilder("kaniko");
        defaults.setNamespace("image-builds");
        defaults.setMemoryRequest("1Gi");
        defaults.setMemoryLimit("4Gi");
        defaults.setNodeSelector("kubernetes.io/arch=amd64");
        defaults.setTolerations("dedicated=builds:NoSchedule");
        defaults.setServiceAccount("image-builder");
        config.setBuilderDefaults(defaults);

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            wc.login("admin");
            r.submit(wc.goTo("configure").getFormByName("config"));
        }

        DeliveryConfiguration after = DeliveryConfiguration.get();
        r.assertEqualDataBoundBeans(List.of(prod, sandbox), after.getClusters());
        r.assertEqualDataBoundBeans(List.of(staging, production, lab), after.getEnvironments());
        r.assertEqualDataBoundBeans(defaults, after.getBuilderDefaults());
        assertThat(after.getEnvironment("lab").getApproval()).isNull();
    }

    @Test
    void onlyAdministratorsGetAnswersFromTheFormEndpoints() {
        DeliveryConfiguration.get().setClusters(List.of(new KubernetesCluster("prod")));
        Environment.DescriptorImpl environment = r.jenkins.getDescriptorByType(Environment.DescriptorImpl.class);
        Approval.DescriptorImpl approval = r.jenkins.getDescriptorByType(Approval.DescriptorImpl.class);
        BuilderDefaults.DescriptorImpl builder = r.jenkins.getDescriptorByType(BuilderDefaults.DescriptorImpl.class);
        KubernetesCluster.DescriptorImpl cluster =
                r.jenkins.getDescriptorByType(KubernetesCluster.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(environment.doFillClusterItems("")).isEmpty();
            assertThat(builder.doFillBuilderItems()).isEmpty();
            assertThat(environment.doCheckName("Not A Label").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(environment.doCheckCluster("gone").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(environment.doCheckNamespace("Not A Label").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(environment.doCheckJobs("a//b").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(approval.doCheckApprovers("").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(approval.doCheckTimeoutMinutes("0").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(approval.doCheckAllowSelfApproval(true).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(builder.doCheckMemoryLimit("1Gi", "2Gi").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(builder.doCheckTolerations("x:Never").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(builder.doCheckBuildkitImage("not an image").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(cluster.doCheckAllowDirectUse(true, "", "").kind).isEqualTo(FormValidation.Kind.OK);
            assertAll(FormValidation.Kind.OK, cluster, builder);
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(environment.doFillClusterItems(""))
                    .extracting(o -> o.value)
                    .containsExactly("prod");
            assertThat(environment.doFillClusterItems("gone"))
                    .extracting(o -> o.value)
                    .containsExactly("prod", "gone");
            assertThat(builder.doFillBuilderItems()).extracting(o -> o.value).containsExactly("buildkit", "kaniko");
            assertThat(environment.doCheckName("Not A Label").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(environment.doCheckCluster("gone").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(environment.doCheckNamespace("Not A Label").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(environment.doCheckJobs("a//b").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(approval.doCheckApprovers("").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(approval.doCheckTimeoutMinutes("0").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(approval.doCheckAllowSelfApproval(true).kind).isEqualTo(FormValidation.Kind.WARNING);
            assertThat(builder.doCheckMemoryLimit("1Gi", "2Gi").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(builder.doCheckTolerations("x:Never").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(builder.doCheckBuildkitImage("not an image").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(cluster.doCheckAllowDirectUse(true, "", "").kind).isEqualTo(FormValidation.Kind.WARNING);
            assertAll(null, cluster, builder);
        }
    }

    /**
     * Audit D-23: the endpoints the test above did not cover yet, with input an administrator gets an error or a
     * warning for; {@code expected} null means "anything but OK" (the administrator's answer).
     */
    private static void assertAll(
            FormValidation.Kind expected,
            KubernetesCluster.DescriptorImpl cluster,
            BuilderDefaults.DescriptorImpl builder) {
        List<FormValidation> answers = List.of(
                cluster.doCheckName("Not A Label"),
                cluster.doCheckServerUrl("ftp://k8s.example.com"),
                cluster.doCheckNamespace("Not A Label"),
                cluster.doCheckCaCertificate("not a pem"),
                cluster.doCheckSkipTlsVerify(true),
                cluster.doCheckCredentialsId("no-such-credentials", "https://k8s.example.com"),
                builder.doCheckKanikoImage("not an image"),
                builder.doCheckContextReceiverImage("not an image"),
                builder.doCheckNamespace("Not A Label"),
                builder.doCheckCpuRequest("lots"),
                builder.doCheckMemoryRequest("lots"),
                builder.doCheckEphemeralStorageRequest("lots"),
                builder.doCheckCpuLimit("lots", ""),
                builder.doCheckEphemeralStorageLimit("lots", ""),
                builder.doCheckNodeSelector("no equals sign"),
                builder.doCheckServiceAccount("Not A Label"));
        for (int i = 0; i < answers.size(); i++) {
            if (expected == null) {
                assertThat(answers.get(i).kind).as("endpoint " + i).isNotEqualTo(FormValidation.Kind.OK);
            } else {
                assertThat(answers.get(i).kind).as("endpoint " + i).isEqualTo(expected);
            }
        }
    }

    @Test
    void theEndpointsAnswerPostOnlyAndNothingToNonAdministrators() throws Exception {
        DeliveryConfiguration.get().setClusters(List.of(new KubernetesCluster("secret-cluster-name")));
        try (JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false)) {
            wc.login("admin");
            WebResponse get = wc.getPage(new WebRequest(new URL(r.getURL(), FILL_CLUSTERS), HttpMethod.GET))
                    .getWebResponse();
            assertThat(get.getStatusCode()).isNotEqualTo(200);
            assertThat(get.getContentAsString()).doesNotContain("secret-cluster-name");

            WebResponse adminPost = post(wc, FILL_CLUSTERS);
            assertThat(adminPost.getStatusCode()).isEqualTo(200);
            assertThat(adminPost.getContentAsString()).contains("secret-cluster-name");

            wc.login("reader");
            WebResponse readerPost = post(wc, FILL_CLUSTERS);
            assertThat(readerPost.getContentAsString()).doesNotContain("secret-cluster-name");

            String check = "descriptorByName/" + Environment.class.getName() + "/checkCluster?value=gone";
            WebResponse readerCheck = post(wc, check);
            assertThat(readerCheck.getContentAsString()).doesNotContain("secret-cluster-name");
            wc.login("admin");
            assertThat(post(wc, check).getContentAsString()).contains("secret-cluster-name");
        }
    }

    private WebResponse post(JenkinsRule.WebClient wc, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), path), HttpMethod.POST);
        return wc.getPage(wc.addCrumb(request)).getWebResponse();
    }
}
