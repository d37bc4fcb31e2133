/**
 * Labeled blue-green releases: {@link io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine} deploys a
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest} as release {@code v<N>} (its own
 * Deployment, shared Services switched by selector), rolls back, lists releases and resumes an operation from a
 * saved {@link io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHandle}. The contract with clusters
 * (labels, annotations, the history ConfigMap) is documented in docs/releases.md.
 *
 * <p>The public types are the API for the step. The package-private rest is the orchestration: the operations
 * ({@code DeployOperation}, {@code RollbackOperation}) and the cluster state they keep (history, Lease, Services,
 * Deployments). Rendering, which needs no cluster, is in {@code engine.release.render}; the generic waits are in
 * {@code engine.cluster}.
 */
package io.jenkins.plugins.kubernetesdelivery.engine.release;
