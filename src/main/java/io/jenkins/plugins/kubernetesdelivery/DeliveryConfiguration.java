package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The plugin's global configuration (Manage Jenkins » System, and Configuration as Code under
 * {@code unclassified: kubernetesDelivery:}): clusters, environments and builder defaults.
 *
 * <p>A change that leaves the configuration invalid (a bad or duplicate name, an environment naming a cluster that
 * is not configured, …) is refused as a whole, with a message naming the entry. The form submits all parts at once
 * ({@link #configure}); a setter called on its own checks the result against the other parts. Configuration as
 * Code sets the parts one by one, in no fixed order, inside a {@link BulkChange}: there each setter checks only its
 * own part, and the whole is checked when the bulk change is committed; if that fails, every part is put back.
 */
@Extension
@Symbol("kubernetesDelivery")
public final class DeliveryConfiguration extends GlobalConfiguration {

    private List<KubernetesCluster> clusters = new ArrayList<>();
    private List<Environment> environments = new ArrayList<>();
    private BuilderDefaults builderDefaults;

    /** The configuration before the bulk change in progress, to put back if its result is refused. */
    private transient ConfigurationParts beforeBulkChange;

    public DeliveryConfiguration() {
        load();
    }

    public static DeliveryConfiguration get() {
        return ExtensionList.lookupSingleton(DeliveryConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.DeliveryConfiguration_DisplayName();
    }

    public synchronized List<KubernetesCluster> getClusters() {
        return clusters == null ? List.of() : Collections.unmodifiableList(clusters);
    }

    /** Replaces the clusters and saves; refuses (with {@link IllegalArgumentException}) an invalid result. */
    @DataBoundSetter
    public synchronized void setClusters(List<KubernetesCluster> clusters) {
        apply(new ConfigurationParts(clusters, getEnvironments(), getBuilderDefaults()));
    }

    /** The cluster of that name, or {@code null}. */
    @CheckForNull
    public synchronized KubernetesCluster getCluster(String name) {
        return getClusters().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    public synchronized List<Environment> getEnvironments() {
        return environments == null ? List.of() : Collections.unmodifiableList(environments);
    }

    /** Replaces the environments and saves; refuses (with {@link IllegalArgumentException}) an invalid result. */
    @DataBoundSetter
    public synchronized void setEnvironments(List<Environment> environments) {
        apply(new ConfigurationParts(getClusters(), environments, getBuilderDefaults()));
    }

    /** The environment of that name, or {@code null}. */
    @CheckForNull
    public synchronized Environment getEnvironment(String name) {
        return getEnvironments().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** The builder defaults; never {@code null} (all defaults until configured). */
    @NonNull
    public synchronized BuilderDefaults getBuilderDefaults() {
        return builderDefaults == null ? new BuilderDefaults() : builderDefaults;
    }

    /** Replaces the builder defaults and saves; refuses (with {@link IllegalArgumentException}) invalid ones. */
    @DataBoundSetter
    public synchronized void setBuilderDefaults(BuilderDefaults builderDefaults) {
        apply(new ConfigurationParts(getClusters(), getEnvironments(), builderDefaults));
    }

    @Override
    public synchronized boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Object defaults = json.get("builderDefaults");
        ConfigurationParts submitted = new ConfigurationParts(
                req.bindJSONToList(KubernetesCluster.class, json.get("clusters")),
                req.bindJSONToList(Environment.class, json.get("environments")),
                defaults instanceof JSONObject o ? req.bindJSON(BuilderDefaults.class, o) : new BuilderDefaults());
        ConfigurationParts.Problems problems = submitted.problems(true);
        if (!problems.isEmpty()) {
            throw new FormException(problems.message(), problems.field());
        }
        apply(submitted);
        return true;
    }

    /**
     * Saves, unless a bulk change is in progress. When a bulk change that changed this configuration is committed,
     * checks the whole first and, if it is refused, puts the configuration from before the bulk change back.
     */
    @Override
    public synchronized void save() {
        if (BulkChange.contains(this)) {
            return;
        }
        ConfigurationParts before = beforeBulkChange;
        beforeBulkChange = null;
        if (before != null) {
            ConfigurationParts.Problems problems = current().problems(true);
            if (!problems.isEmpty()) {
                set(before);
                throw new IllegalArgumentException(problems.message());
            }
        }
        super.save();
        DeliveryClients.retainOnly(
                getClusters().stream().map(KubernetesCluster::getName).collect(Collectors.toSet()));
    }

    private synchronized void apply(ConfigurationParts next) {
        boolean bulk = BulkChange.contains(this);
        ConfigurationParts.Problems problems = next.problems(!bulk);
        if (!problems.isEmpty()) {
            if (bulk && beforeBulkChange != null) {
                set(beforeBulkChange);
                beforeBulkChange = null;
            }
            throw new IllegalArgumentException(problems.message());
        }
        if (bulk && beforeBulkChange == null) {
            beforeBulkChange = current();
        }
        set(next);
        save();
    }

    private synchronized ConfigurationParts current() {
        return new ConfigurationParts(getClusters(), getEnvironments(), getBuilderDefaults());
    }

    private synchronized void set(ConfigurationParts parts) {
        this.clusters = new ArrayList<>(parts.clusters());
        this.environments = new ArrayList<>(parts.environments());
        this.builderDefaults = parts.builderDefaults();
    }
}
