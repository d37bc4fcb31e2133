package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.time.Duration;

/**
 * What to roll back to.
 *
 * @param app the app
 * @param namespace the namespace
 * @param target {@code previous}, {@code v<N>}, a git commit (7 to 40 hex digits), or an image digest
 *     ({@code sha256:…})
 * @param actor who rolls back
 * @param reason why (recorded with the pin)
 * @param allowSchemaChange whether a target with another schema version than live is allowed
 * @param timeout how long to wait for a cold target to become ready
 * @param lockTimeout how long to wait for another operation on the app
 */
public record RollbackRequest(String app, String namespace, String target, String actor, String reason,
        boolean allowSchemaChange, Duration timeout, Duration lockTimeout) {

    public RollbackRequest {
        timeout = timeout == null ? ReleaseRequest.DEFAULT_ROLLOUT_TIMEOUT : timeout;
        lockTimeout = lockTimeout == null ? ReleaseRequest.DEFAULT_LOCK_TIMEOUT : lockTimeout;
        target = target == null || target.isBlank() ? "previous" : target.strip();
    }

    public RollbackRequest(String app, String namespace, String target, String actor, String reason) {
        this(app, namespace, target, actor, reason, false, null, null);
    }
}
