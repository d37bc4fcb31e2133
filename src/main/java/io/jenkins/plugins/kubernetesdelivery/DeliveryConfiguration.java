package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
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
 * {@code unclassified: kubernetesDelivery:}). Holds the clusters; environments and builder defaults will join them.
 */
@Extension
@Symbol("kubernetesDelivery")
public final class DeliveryConfiguration extends GlobalConfiguration {

    private List<KubernetesCluster> clusters = new ArrayList<>();

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

    /**
     * Replaces the clusters and saves. Refuses (with {@link IllegalArgumentException}, which Configuration as Code
     * reports) a list with missing, invalid or duplicate names; clients of removed clusters are closed.
     */
    @DataBoundSetter
    public synchronized void setClusters(List<KubernetesCluster> clusters) {
        List<KubernetesCluster> copy = clusters == null ? List.of() : List.copyOf(clusters);
        List<String> problems = ClusterChecks.problems(copy);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        this.clusters = new ArrayList<>(copy);
        save();
        DeliveryClients.retainOnly(copy.stream().map(KubernetesCluster::getName).collect(Collectors.toSet()));
    }

    /** The cluster of that name, or {@code null}. */
    @CheckForNull
    public synchronized KubernetesCluster getCluster(String name) {
        return getClusters().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<KubernetesCluster> submitted = req.bindJSONToList(KubernetesCluster.class, json.get("clusters"));
        try {
            setClusters(submitted);
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), e, "clusters");
        }
        return true;
    }
}
