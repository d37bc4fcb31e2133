/**
 * Labeled blue-green releases: {@link io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine} deploys a
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest} as release {@code v<N>} (its own
 * Deployment, shared Services switched by selector), rolls back, lists releases and resumes an operation from a
 * saved {@link io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHandle}. The contract with clusters
 * (labels, annotations, the history ConfigMap) is documented in docs/releases.md.
 */
package io.jenkins.plugins.kubernetesdelivery.engine.release;
