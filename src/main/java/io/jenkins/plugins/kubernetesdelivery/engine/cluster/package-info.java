/**
 * What the image and release engines share. Cluster access: a resolved
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterConnection}, the fabric8 configuration built from
 * it, one cached client per connection, and the Kubernetes name rules. The primitives: labels and field manager
 * ({@code DeliveryLabels}), image references ({@code ImageRef}), API error text ({@code ApiErrors}), interrupt
 * handling ({@code Interrupts}). Waiting on the cluster:
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.cluster.Waits} (informers with a backstop GET on a small shared
 * pool), the rollout predicate and the pod diagnosis behind it, and the counts over EndpointSlices.
 */
package io.jenkins.plugins.kubernetesdelivery.engine.cluster;
