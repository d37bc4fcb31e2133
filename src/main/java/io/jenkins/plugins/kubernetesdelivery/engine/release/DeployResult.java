package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.util.List;

/**
 * The outcome of a successful deploy; the step returns it as a map.
 *
 * @param release the new live release, {@code v<N>}
 * @param previous the release it replaced (kept warm), or {@code null} for the first one
 * @param namespace the namespace
 * @param services the Services now selecting it
 * @param handle the operation's handle
 */
public record DeployResult(
        String release, String previous, String namespace, List<String> services, ReleaseHandle handle) {
    public DeployResult {
        services = List.copyOf(services);
    }
}
