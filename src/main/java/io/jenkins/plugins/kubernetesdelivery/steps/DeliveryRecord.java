package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Instant;
import java.util.Objects;

/**
 * One bake, deploy, rollback or approval of a build, as {@link DeliveryRunAction} lists it on the build page. Plain
 * text only, never a secret; saved with the build (build.xml), so its fields are final strings and enums.
 * Build it with {@link #of(Kind, String)}.
 */
public final class DeliveryRecord {

    /** What the step did. */
    public enum Kind {
        BAKE,
        DEPLOY,
        ROLLBACK,
        APPROVAL
    }

    /** How it ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED
    }

    private final Kind kind;
    private final String app;
    private final String environment;
    private final String namespace;
    private final String release;
    private final String digest;
    private final String previous;
    private final Outcome outcome;
    private final String who;
    private final String at;
    private final String note;

    private DeliveryRecord(Builder b) {
        kind = Objects.requireNonNull(b.kind, "kind");
        app = Objects.requireNonNull(b.app, "app");
        outcome = Objects.requireNonNull(b.outcome, "outcome");
        environment = b.environment;
        namespace = b.namespace;
        release = b.release;
        digest = b.digest;
        previous = b.previous;
        who = b.who;
        at = (b.at == null ? Instant.now() : b.at).toString();
        note = b.note;
    }

    /**
     * A record of {@code kind} about {@code app} (for a bake, the repository; for an approval, the environment).
     */
    public static Builder of(Kind kind, String app) {
        return new Builder(kind, app);
    }

    @NonNull
    public Kind getKind() {
        return kind;
    }

    @NonNull
    public String getApp() {
        return app;
    }

    /** The environment, or {@code null} for direct use of a cluster. */
    @CheckForNull
    public String getEnvironment() {
        return environment;
    }

    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    /** The release made or now live ({@code v8}); for a bake, the image reference. */
    @CheckForNull
    public String getRelease() {
        return release;
    }

    /** The image digest ({@code sha256:…}) of a bake or a deployed image. */
    @CheckForNull
    public String getDigest() {
        return digest;
    }

    /** The release that was live before. */
    @CheckForNull
    public String getPrevious() {
        return previous;
    }

    @NonNull
    public Outcome getOutcome() {
        return outcome;
    }

    /** Who did it: the user who started the build, or the approver. */
    @CheckForNull
    public String getWho() {
        return who;
    }

    /** When it ended, ISO-8601 in UTC. */
    @NonNull
    public String getAt() {
        return at;
    }

    /** One line more: why a rollback was made, or why the step failed. */
    @CheckForNull
    public String getNote() {
        return note;
    }

    @Override
    public String toString() {
        return kind + " " + app + " " + outcome + (release == null ? "" : " " + release)
                + (previous == null ? "" : " (was " + previous + ")");
    }

    /** Builds a {@link DeliveryRecord}; kind, app and outcome are required. */
    public static final class Builder {
        private final Kind kind;
        private final String app;
        private String environment;
        private String namespace;
        private String release;
        private String digest;
        private String previous;
        private Outcome outcome;
        private String who;
        private Instant at;
        private String note;

        private Builder(Kind kind, String app) {
            this.kind = kind;
            this.app = app;
        }

        public Builder environment(String v) {
            environment = v;
            return this;
        }

        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        public Builder release(String v) {
            release = v;
            return this;
        }

        public Builder digest(String v) {
            digest = v;
            return this;
        }

        public Builder previous(String v) {
            previous = v;
            return this;
        }

        public Builder outcome(Outcome v) {
            outcome = v;
            return this;
        }

        public Builder who(String v) {
            who = v;
            return this;
        }

        public Builder at(Instant v) {
            at = v;
            return this;
        }

        public Builder note(String v) {
            note = v;
            return this;
        }

        public DeliveryRecord build() {
            return new DeliveryRecord(this);
        }
    }
}
