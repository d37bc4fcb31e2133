package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Conflicts;

/** The writes to a release's Deployments: scaling it (down for retention, up for a cold rollback) and retiring it. */
final class Deployments {

    static final int MAX_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String namespace;

    Deployments(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    void scale(String deployment, int replicas) {
        client.apps().deployments().inNamespace(namespace).withName(deployment).scale(replicas);
    }

    /**
     * Marks the Deployment failed ({@code reason}, on one line, in its failure annotation) and scales it to 0: a
     * release that never became live. One that no longer exists is left alone. The controller writes its status
     * meanwhile, so a conflict retries; the last one, and any other error, is thrown as the client's exception.
     */
    void retire(String deployment, String reason) {
        Conflicts.retry(MAX_ATTEMPTS, () -> {
            var resource = client.apps().deployments().inNamespace(namespace).withName(deployment);
            if (resource.get() != null) {
                resource.edit(x -> {
                    x.getMetadata().getAnnotations().put(ReleaseLabels.FAILURE, ApiErrors.oneLine(reason));
                    x.getSpec().setReplicas(0);
                    return x;
                });
            }
            return null;
        });
    }
}
