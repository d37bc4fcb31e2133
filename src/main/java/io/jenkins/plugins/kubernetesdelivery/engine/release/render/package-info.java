/**
 * Pure rendering of a release: a {@link io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest} becomes
 * the objects of release {@code v<N>}
 * ({@link io.jenkins.plugins.kubernetesdelivery.engine.release.render.ReleaseRenderer#render}), and every problem of a
 * request found without the cluster is listed
 * ({@link io.jenkins.plugins.kubernetesdelivery.engine.release.render.RequestValidator}). No cluster access: of the
 * fabric8 client only {@code utils.Serialization} is used (ArchitectureTest enforces it). Public only what the
 * orchestration in {@code engine.release} calls; steps use the request's {@code validate()} instead.
 */
package io.jenkins.plugins.kubernetesdelivery.engine.release.render;
