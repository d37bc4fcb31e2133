package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * Whether a Deployment's rollout is done, with the rules of {@code kubectl rollout status}: nothing counts until
 * the controller observed the current generation; done when updated == desired, no old replicas remain and
 * available == updated; failed when the Progressing condition says ProgressDeadlineExceeded. Null-safe.
 *
 * @param done the rollout finished
 * @param failure why it failed, or {@code null}
 * @param ready ready replicas
 * @param desired desired replicas
 * @param waitingFor what it is waiting for, for messages
 */
record RolloutStatus(boolean done, String failure, int ready, int desired, String waitingFor) {

    static RolloutStatus of(Deployment d) {
        if (d == null) {
            return new RolloutStatus(false, "the Deployment was deleted", 0, 0, "the Deployment");
        }
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null
                ? 1
                : d.getSpec().getReplicas();
        DeploymentStatus s = d.getStatus();
        if (s == null) {
            return new RolloutStatus(false, null, 0, desired, "the controller to see it");
        }
        int ready = n(s.getReadyReplicas());
        long generation =
                d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        if (s.getObservedGeneration() == null || s.getObservedGeneration() < generation) {
            return new RolloutStatus(false, null, ready, desired, "the controller to observe generation " + generation);
        }
        if (s.getConditions() != null) {
            for (DeploymentCondition c : s.getConditions()) {
                if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    return new RolloutStatus(
                            false, "ProgressDeadlineExceeded: " + c.getMessage(), ready, desired, null);
                }
            }
        }
        int updated = n(s.getUpdatedReplicas());
        if (updated < desired) {
            return new RolloutStatus(false, null, ready, desired, updated + " of " + desired + " updated replicas");
        }
        if (n(s.getReplicas()) > updated) {
            return new RolloutStatus(
                    false, null, ready, desired, (n(s.getReplicas()) - updated) + " old replicas to terminate");
        }
        if (n(s.getAvailableReplicas()) < updated) {
            return new RolloutStatus(
                    false, null, ready, desired, n(s.getAvailableReplicas()) + " of " + updated + " available");
        }
        return new RolloutStatus(true, null, ready, desired, null);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
