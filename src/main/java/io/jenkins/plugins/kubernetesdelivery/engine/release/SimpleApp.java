package io.jenkins.plugins.kubernetesdelivery.engine.release;

/**
 * The simple case without manifests: one Deployment running the request's single image with {@code replicas}
 * pods listening on {@code port}, and one Service of the app's name on that port.
 */
public record SimpleApp(int port, int replicas) {}
