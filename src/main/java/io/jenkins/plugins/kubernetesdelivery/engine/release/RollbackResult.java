package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.util.List;

/**
 * The outcome of a rollback; the step returns it as a map.
 *
 * @param release the release now live
 * @param from the release that was live before (equal to {@code release} when nothing had to change)
 * @param cold whether the target had to be scaled up first
 * @param services the Services switched
 * @param handle the operation's handle, or {@code null} when nothing had to change
 */
public record RollbackResult(String release, String from, boolean cold, List<String> services, ReleaseHandle handle) {
    public RollbackResult {
        services = List.copyOf(services);
    }

    /** Whether the target was already live, so that no request changed anything. */
    public boolean unchanged() {
        return release.equals(from);
    }
}
