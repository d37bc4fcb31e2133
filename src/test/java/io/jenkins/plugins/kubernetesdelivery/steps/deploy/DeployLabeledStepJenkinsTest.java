package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** deployLabeled in the Snippet Generator and the step configuration form. Root build only; needs no cluster. */
@WithJenkins
class DeployLabeledStepJenkinsTest {

    private static final String CURL = "curlimages/curl@" + DeployFixtures.DIGEST;

    private JenkinsRule r;

    @BeforeEach
    void configure(JenkinsRule r) {
        this.r = r;
        DeliveryConfiguration.get().setClusters(List.of(new KubernetesCluster("prod")));
        Environment staging = new Environment("staging", "prod");
        staging.setNamespace("shop-staging");
        Environment production = new Environment("production", "prod");
        production.setNamespace("shop");
        production.setJobs("shop/**");
        DeliveryConfiguration.get().setEnvironments(List.of(staging, production));
    }

    private static DeployLabeledStep everyField() {
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment("staging");
        s.setImages(List.of(DeployFixtures.WEB, "migrate=" + DeployFixtures.MIGRATIONS));
        s.setManifests("k8s/");
        s.setServices(List.of("web", "api"));
        s.setSchemaVersion("42");
        s.setVerify(new Verify(CURL, List.of("curl", "-fsS", "http://web-preview/healthz")));
        s.setKeep(7);
        s.setTimeout(3);
        s.setAllowTags(true);
        s.setUnpin(true);
        s.setForce(true);
        return s;
    }

    @Test
    void theFormKeepsEveryField() throws Exception {
        DeployLabeledStep before = everyField();
        DeployLabeledStep after = new StepConfigTester(r).configRoundTrip(before);
        r.assertEqualDataBoundBeans(before, after);
        assertThat(after.getImages()).containsExactly(DeployFixtures.WEB, "migrate=" + DeployFixtures.MIGRATIONS);
        assertThat(after.getVerify().getCommand()).containsExactly("curl", "-fsS", "http://web-preview/healthz");

        DeployLabeledStep generated = new DeployLabeledStep("web");
        generated.setCluster("prod");
        generated.setNamespace("shop");
        generated.setImage(DeployFixtures.WEB);
        generated.setService("web");
        generated.setPort(9090);
        generated.setReplicas(3);
        r.assertEqualDataBoundBeans(generated, new StepConfigTester(r).configRoundTrip(generated));
    }

    @Test
    void theSnippetGeneratorWritesVerifyAsAMap() throws Exception {
        SnippetizerTester st = new SnippetizerTester(r);
        DeployLabeledStep s = new DeployLabeledStep("web");
        s.setEnvironment("production");
        s.setImage(DeployFixtures.WEB);
        s.setManifests("k8s/");
        s.setVerify(new Verify(CURL, List.of("curl", "-fsS", "http://web-preview/healthz")));
        st.assertRoundTrip(
                s,
                "deployLabeled app: 'web', environment: 'production', image: '" + DeployFixtures.WEB
                        + "', manifests: 'k8s/', verify: [command: ['curl', '-fsS', 'http://web-preview/healthz'], image: '"
                        + CURL + "']");
        // the map syntax of design.md, in its order
        st.assertParseStep(
                s,
                "deployLabeled(environment: 'production', app: 'web', image: '" + DeployFixtures.WEB
                        + "', manifests: 'k8s/', verify: [image: '" + CURL + "', command: ['curl', '-fsS',"
                        + " 'http://web-preview/healthz']])");
        st.assertRoundTrip(new DeployLabeledStep("web"), "deployLabeled app: 'web'");
        st.assertRoundTrip(
                everyField(),
                "deployLabeled allowTags: true, app: 'web', environment: 'staging', force: true, images: ['"
                        + DeployFixtures.WEB + "', 'migrate=" + DeployFixtures.MIGRATIONS
                        + "'], keep: 7, manifests: 'k8s/',"
                        + " schemaVersion: '42', services: ['web', 'api'], timeout: 3, unpin: true, verify: [command: ['curl',"
                        + " '-fsS', 'http://web-preview/healthz'], image: '" + CURL + "']");
    }

    @Test
    void theEnvironmentsListedAreThoseTheJobMayUseForThoseWhoMayConfigureIt() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("dev"));
        FreeStyleProject job = r.createFreeStyleProject("web");
        DeployLabeledStep.DescriptorImpl d = r.jenkins.getDescriptorByType(DeployLabeledStep.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            ListBoxModel items = d.doFillEnvironmentItems(job, "");
            assertThat(items).extracting(o -> o.value).containsExactly("", "staging");
            assertThat(d.doFillEnvironmentItems(job, "production"))
                    .extracting(o -> o.name)
                    .containsExactly(
                            Messages.DeployLabeledStep_NoEnvironment(),
                            "staging",
                            Messages.DeployLabeledStep_EnvironmentNotAllowed("production"));
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(d.doFillEnvironmentItems(job, "staging")).isEmpty();
        }
        assertThat(d.doFillEnvironmentItems(null, "staging")).isEmpty();
    }
}
