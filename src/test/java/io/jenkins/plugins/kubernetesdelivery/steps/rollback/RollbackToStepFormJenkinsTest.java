package io.jenkins.plugins.kubernetesdelivery.steps.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Audit D-23: rollbackTo's form endpoint answers only those who may configure the job. Root build only. */
@WithJenkins
class RollbackToStepFormJenkinsTest {

    @Test
    void theEnvironmentsAreListedOnlyForThoseWhoMayConfigureTheJob(JenkinsRule r) throws Exception {
        DeliveryConfiguration.get().setClusters(List.of(new KubernetesCluster("prod")));
        Environment production = new Environment("production", "prod");
        production.setJobs("shop/**");
        DeliveryConfiguration.get().setEnvironments(List.of(new Environment("staging", "prod"), production));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("dev"));
        FreeStyleProject job = r.createFreeStyleProject("web");
        RollbackToStep.DescriptorImpl d = r.jenkins.getDescriptorByType(RollbackToStep.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            assertThat(d.doFillEnvironmentItems(job, ""))
                    .extracting(o -> o.value)
                    .contains("staging")
                    .doesNotContain("production");
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(d.doFillEnvironmentItems(job, "staging")).isEmpty();
        }
        assertThat(d.doFillEnvironmentItems(null, "staging")).isEmpty();
    }
}
