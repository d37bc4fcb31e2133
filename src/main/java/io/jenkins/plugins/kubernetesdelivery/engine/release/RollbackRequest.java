package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RequestValidator;
import java.time.Duration;
import java.util.List;

/**
 * What to roll back to. Build it with {@link #builder(String, String)}.
 *
 * @param app the app
 * @param namespace the namespace
 * @param target {@code previous}, {@code v<N>}, a git commit (7 to 40 hex digits), or an image digest
 *     ({@code sha256:…}); null means {@code previous}, blank is refused
 * @param actor who rolls back
 * @param reason why (recorded with the pin)
 * @param allowSchemaChange whether a target with another schema version than live is allowed
 * @param timeout how long to wait for a cold target to become ready
 * @param lockTimeout how long to wait for another operation on the app
 */
public record RollbackRequest(
        String app,
        String namespace,
        String target,
        String actor,
        String reason,
        boolean allowSchemaChange,
        Duration timeout,
        Duration lockTimeout) {

    /** The start of {@link #validate()}'s problem for a blank target (audit case 3). */
    public static final String BLANK_TARGET = "target must not be blank";

    public RollbackRequest {
        timeout = timeout == null ? ReleaseRequest.DEFAULT_ROLLOUT_TIMEOUT : timeout;
        lockTimeout = lockTimeout == null ? ReleaseRequest.DEFAULT_LOCK_TIMEOUT : lockTimeout;
        // only a missing target means previous: a blank one (an empty parameter) is refused by validate()
        target = target == null ? "previous" : target.strip();
    }

    public RollbackRequest(String app, String namespace, String target, String actor, String reason) {
        this(app, namespace, target, actor, reason, false, null, null);
    }

    /** Every problem found without the cluster, each naming the input and the rule; empty when there is none. */
    public List<String> validate() {
        return RequestValidator.validate(this);
    }

    public static Builder builder(String app, String namespace) {
        return new Builder(app, namespace);
    }

    /** A builder holding every value of this request, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(app, namespace)
                .target(target)
                .actor(actor)
                .reason(reason)
                .allowSchemaChange(allowSchemaChange)
                .timeout(timeout)
                .lockTimeout(lockTimeout);
    }

    /** Builds a {@link RollbackRequest}; only app and namespace are required, the target defaults to previous. */
    public static final class Builder {
        private final String app;
        private final String namespace;
        private String target;
        private String actor;
        private String reason;
        private boolean allowSchemaChange;
        private Duration timeout;
        private Duration lockTimeout;

        private Builder(String app, String namespace) {
            this.app = app;
            this.namespace = namespace;
        }

        public Builder target(String v) {
            target = v;
            return this;
        }

        public Builder actor(String v) {
            actor = v;
            return this;
        }

        public Builder reason(String v) {
            reason = v;
            return this;
        }

        public Builder allowSchemaChange(boolean v) {
            allowSchemaChange = v;
            return this;
        }

        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        public Builder lockTimeout(Duration v) {
            lockTimeout = v;
            return this;
        }

        public RollbackRequest build() {
            return new RollbackRequest(app, namespace, target, actor, reason, allowSchemaChange, timeout, lockTimeout);
        }
    }
}
