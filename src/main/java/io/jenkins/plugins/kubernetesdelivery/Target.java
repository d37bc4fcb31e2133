package io.jenkins.plugins.kubernetesdelivery;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Objects;

/**
 * Where a step delivers to, as resolved by {@link Targets} from the global configuration. Holds configuration
 * objects, so it is not saved with a build: a resumed step resolves its target again from the same arguments.
 *
 * @param cluster the configured cluster
 * @param namespace the namespace (the step's or environment's, else the cluster's default namespace); {@code null}
 *     when none of them names one, which means the credentials' default: open the client with
 *     {@link DeliveryClients#openForRun(Target, hudson.model.Run)} and read {@code client.getNamespace()}
 * @param environment the environment named by the step; {@code null} for direct use of the cluster
 */
public record Target(
        @NonNull KubernetesCluster cluster,
        @CheckForNull String namespace,
        @CheckForNull Environment environment) {

    public Target {
        Objects.requireNonNull(cluster, "cluster");
    }

    /** The environment's name, or {@code null} for direct use of a cluster. */
    @CheckForNull
    public String environmentName() {
        return environment == null ? null : environment.getName();
    }

    /** The approval policy {@code required} of the environment; {@code null} for policy {@code none} or direct use. */
    @CheckForNull
    public Approval approval() {
        return environment == null ? null : environment.getApproval();
    }

    /**
     * Whether deploys here may apply cluster-scoped objects: only when the environment allows them, never for direct
     * use of a cluster.
     */
    public boolean allowClusterScoped() {
        return environment != null && environment.isAllowClusterScoped();
    }

    /** For console lines: {@code production (prod/shop)}, or {@code prod/shop} for direct use. */
    @Override
    public String toString() {
        String where = cluster.getName() + "/" + (namespace == null ? Messages.Target_DefaultNamespace() : namespace);
        return environment == null ? where : environment.getName() + " (" + where + ")";
    }
}
