package io.jenkins.plugins.kubernetesdelivery.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepFormsTest {

    private static Environment env(String name, String jobs) {
        Environment e = new Environment(name, "prod");
        e.setJobs(jobs);
        return e;
    }

    @Test
    void onlyTheEnvironmentsTheJobMayUseAreOffered() {
        List<Environment> all =
                List.of(env("staging", "shop/**"), env("production", "shop/web/main"), env("sandbox", null));
        ListBoxModel items = StepForms.environmentItems(all, "shop/web/feature-x", null);
        assertThat(items).extracting(o -> o.value).containsExactly("", "staging", "sandbox");
    }

    @Test
    void aValueTheJobMayNotUseStaysVisible() {
        List<Environment> all = List.of(env("production", "shop/web/main"));
        ListBoxModel items = StepForms.environmentItems(all, "shop/web/feature-x", "production");
        assertThat(items).extracting(o -> o.value).containsExactly("", "production");
        assertThat(items.get(1).name).isEqualTo(Messages.StepForms_NotUsable("production"));
    }
}
