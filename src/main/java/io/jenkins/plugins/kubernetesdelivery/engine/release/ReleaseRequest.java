package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import io.jenkins.plugins.kubernetesdelivery.engine.release.render.RequestValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to deploy: one new release of an app in a namespace. Build it with {@link #builder(String, String)} (change a
 * copy with {@link #toBuilder()}); {@link #validate()} lists every problem that can be found without the cluster, and
 * {@link ReleaseEngine#deploy(ReleaseRequest)} refuses a request with problems before its first API call.
 *
 * @param app the app name: a DNS-1123 label; names the history ConfigMap and the Lease
 * @param namespace the namespace
 * @param images image references, {@code repo@sha256:…} (or tagged when {@link #allowTags}); an entry
 *     {@code container=reference} targets a container by name, a plain reference every container of the same
 *     repository
 * @param manifests the release's manifest files; empty with {@link #simple} set generates them
 * @param simple the generated manifests' port and replicas, used when {@link #manifests} is empty
 * @param services the Services to switch; empty means every Service in the manifests
 * @param schemaVersion the data schema version the release needs; rollbacks across it are guarded
 * @param gitCommit the commit the release was built from
 * @param buildUrl the build that deployed it
 * @param approver who approved it, if anyone
 * @param actor who deploys it (the user or cause of the build)
 * @param keep how many releases to keep (at least 2: the live one and the one before)
 * @param rolloutTimeout how long to wait for the rollout and for ready endpoints
 * @param lockTimeout how long to wait for another deploy or rollback of the app to finish
 * @param verification the check to run before the switch, or {@code null}
 * @param allowTags whether images may be referenced by tag instead of digest
 * @param unpin whether to lift a pin left by a rollback
 * @param allowClusterScoped whether the manifests may hold cluster-scoped objects (a Namespace, a ClusterRole, a
 *     CustomResourceDefinition…: whatever the API server's discovery says is not namespaced); refused otherwise,
 *     since they change the whole cluster, not the release's namespace
 * @param force whether to deploy a new release even when the live one has the same content (a re-run)
 */
public record ReleaseRequest(
        String app,
        String namespace,
        List<String> images,
        List<ManifestFile> manifests,
        SimpleApp simple,
        List<String> services,
        String schemaVersion,
        String gitCommit,
        String buildUrl,
        String approver,
        String actor,
        int keep,
        Duration rolloutTimeout,
        Duration lockTimeout,
        Verification verification,
        boolean allowTags,
        boolean unpin,
        boolean allowClusterScoped,
        boolean force) {

    public static final int DEFAULT_KEEP = 5;
    public static final Duration DEFAULT_ROLLOUT_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(2);

    public ReleaseRequest {
        images = images == null ? List.of() : List.copyOf(images);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        services = services == null ? List.of() : List.copyOf(services);
        rolloutTimeout = rolloutTimeout == null ? DEFAULT_ROLLOUT_TIMEOUT : rolloutTimeout;
        lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
        schemaVersion = Strings.blankToNull(schemaVersion);
        gitCommit = Strings.blankToNull(gitCommit);
        buildUrl = Strings.blankToNull(buildUrl);
        approver = Strings.blankToNull(approver);
        actor = Strings.blankToNull(actor);
    }

    /**
     * A hash ({@code sha256:…}) of what the release is made of (images, manifests, the generated app, Services, schema
     * version), not of who deploys it from which build: a deploy whose content equals the live release's is a re-run.
     */
    public String contentHash() {
        return RequestHash.content(this);
    }

    /** Every problem found without the cluster, each naming the input and the rule; empty when there is none. */
    public List<String> validate() {
        return RequestValidator.validate(this);
    }

    /**
     * A hash ({@code sha256:…}) of everything in this request that ends up in the cluster (the timeouts are left
     * out). A deploy records it with the operation in flight, and {@link ReleaseEngine#resume(ReleaseHandle,
     * ReleaseRequest)} refuses a request whose hash differs.
     */
    public String inputHash() {
        return RequestHash.of(this);
    }

    public static Builder builder(String app, String namespace) {
        return new Builder(app, namespace);
    }

    /** A builder holding every value of this request, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder(app, namespace)
                .images(images)
                .manifests(manifests)
                .services(services)
                .schemaVersion(schemaVersion)
                .gitCommit(gitCommit)
                .buildUrl(buildUrl)
                .approver(approver)
                .actor(actor)
                .keep(keep)
                .rolloutTimeout(rolloutTimeout)
                .lockTimeout(lockTimeout)
                .verification(verification)
                .allowTags(allowTags)
                .unpin(unpin)
                .allowClusterScoped(allowClusterScoped)
                .force(force);
        b.simple = simple;
        return b;
    }

    /** Builds a {@link ReleaseRequest}; only app and namespace are required. */
    public static final class Builder {
        private final String app;
        private final String namespace;
        private final List<String> images = new ArrayList<>();
        private final List<ManifestFile> manifests = new ArrayList<>();
        private final List<String> services = new ArrayList<>();
        private SimpleApp simple;
        private String schemaVersion;
        private String gitCommit;
        private String buildUrl;
        private String approver;
        private String actor;
        private int keep = DEFAULT_KEEP;
        private Duration rolloutTimeout;
        private Duration lockTimeout;
        private Verification verification;
        private boolean allowTags;
        private boolean unpin;
        private boolean allowClusterScoped;
        private boolean force;

        private Builder(String app, String namespace) {
            this.app = app;
            this.namespace = namespace;
        }

        public Builder image(String reference) {
            images.add(Objects.requireNonNull(reference));
            return this;
        }
        /** Replaces the image references given so far. */
        public Builder images(List<String> references) {
            images.clear();
            references.forEach(this::image);
            return this;
        }

        public Builder manifest(String name, String text) {
            manifests.add(new ManifestFile(name, text));
            return this;
        }
        /** Replaces the manifest files given so far. */
        public Builder manifests(List<ManifestFile> files) {
            manifests.clear();
            manifests.addAll(files);
            return this;
        }

        public Builder simple(int port, int replicas) {
            simple = new SimpleApp(port, replicas);
            return this;
        }

        public Builder service(String name) {
            services.add(name);
            return this;
        }
        /** Replaces the Services given so far. */
        public Builder services(List<String> names) {
            services.clear();
            services.addAll(names);
            return this;
        }

        public Builder schemaVersion(String v) {
            schemaVersion = v;
            return this;
        }

        public Builder gitCommit(String v) {
            gitCommit = v;
            return this;
        }

        public Builder buildUrl(String v) {
            buildUrl = v;
            return this;
        }

        public Builder approver(String v) {
            approver = v;
            return this;
        }

        public Builder actor(String v) {
            actor = v;
            return this;
        }

        public Builder keep(int v) {
            keep = v;
            return this;
        }

        public Builder rolloutTimeout(Duration v) {
            rolloutTimeout = v;
            return this;
        }

        public Builder lockTimeout(Duration v) {
            lockTimeout = v;
            return this;
        }

        public Builder verification(Verification v) {
            verification = v;
            return this;
        }

        public Builder allowTags(boolean v) {
            allowTags = v;
            return this;
        }

        public Builder unpin(boolean v) {
            unpin = v;
            return this;
        }

        public Builder allowClusterScoped(boolean v) {
            allowClusterScoped = v;
            return this;
        }

        public Builder force(boolean v) {
            force = v;
            return this;
        }

        public ReleaseRequest build() {
            return new ReleaseRequest(
                    app,
                    namespace,
                    images,
                    manifests,
                    simple,
                    services,
                    schemaVersion,
                    gitCommit,
                    buildUrl,
                    approver,
                    actor,
                    keep,
                    rolloutTimeout,
                    lockTimeout,
                    verification,
                    allowTags,
                    unpin,
                    allowClusterScoped,
                    force);
        }
    }
}
