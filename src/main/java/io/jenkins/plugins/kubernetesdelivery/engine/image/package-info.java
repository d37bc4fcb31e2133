/**
 * Image bake: builds a Dockerfile context into an image inside an ephemeral builder pod (rootless BuildKit or
 * Kaniko), pushes it and returns its digest. The entry point is
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker}; the workspace, the console and the
 * channels into the pod are ports ({@link io.jenkins.plugins.kubernetesdelivery.engine.image.WorkspaceFiles},
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener},
 * {@link io.jenkins.plugins.kubernetesdelivery.engine.image.PodChannels}).
 */
package io.jenkins.plugins.kubernetesdelivery.engine.image;
