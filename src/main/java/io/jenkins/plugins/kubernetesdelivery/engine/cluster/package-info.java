/**
 * Cluster access: a resolved {@link io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection},
 * the fabric8 configuration built from it, one cached client per connection, and the Kubernetes name rules.
 */
package io.jenkins.plugins.kubernetesdelivery.engine.cluster;
