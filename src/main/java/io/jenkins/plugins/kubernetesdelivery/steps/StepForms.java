package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import java.util.List;

/** What the steps' forms (Snippet Generator) share. */
public final class StepForms {

    private StepForms() {}

    /**
     * The choices of a step's {@code environment} field in the job {@code jobFullName}: the environments whose job
     * patterns accept it, after an empty choice (for {@code cluster} + {@code namespace}). Call it from a
     * {@code @POST} {@code doFillEnvironmentItems} after checking {@link Item#CONFIGURE} on the job.
     */
    public static ListBoxModel environmentItems(String jobFullName, @CheckForNull String current) {
        return environmentItems(DeliveryConfiguration.get().getEnvironments(), jobFullName, current);
    }

    /** {@link #environmentItems(String, String)} over the given environments; keeps {@code current} visible. */
    static ListBoxModel environmentItems(
            List<Environment> environments, String jobFullName, @CheckForNull String current) {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.StepForms_NoEnvironment(), "");
        boolean listed = current == null || current.isBlank();
        for (Environment e : environments) {
            if (e.allowsJob(jobFullName)) {
                items.add(e.getName(), e.getName());
                listed |= e.getName().equals(current);
            }
        }
        if (!listed) {
            // a value saved before (or not for this job): shown, so that saving the form does not silently drop it
            items.add(Messages.StepForms_NotUsable(current), current);
        }
        return items;
    }
}
