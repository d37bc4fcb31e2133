package io.jenkins.plugins.kubernetesdelivery.engine.release;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * The few identifiers a step saves before it starts a deploy or rollback, enough for a new process to find the
 * operation in the cluster's history and finish it exactly once ({@link ReleaseEngine#resume}).
 *
 * @param kind deploy or rollback
 * @param app the app
 * @param namespace the namespace
 * @param operationId a unique id of this operation, recorded in the history and as the Lease holder
 */
public record ReleaseHandle(Kind kind, String app, String namespace, String operationId) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the operation does. */
    public enum Kind {
        DEPLOY,
        ROLLBACK
    }

    public ReleaseHandle {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(operationId, "operationId");
    }

    /** A handle for a new operation, with a fresh id. */
    public static ReleaseHandle create(Kind kind, String app, String namespace) {
        return new ReleaseHandle(kind, app, namespace, UUID.randomUUID().toString());
    }
}
