package io.jenkins.plugins.kubernetesdelivery.engine.image;

import io.fabric8.kubernetes.api.model.Toleration;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.Strings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one bake needs, as plain values; {@link BakeValidator} checks it before anything is created.
 * Build with {@link #builder(String)}; change a copy with {@link #toBuilder()}.
 *
 * @param repository the image repository without tag, e.g. {@code registry.example.com/shop/web}
 * @param contextDir the context directory, relative to the workspace ({@code .} by default)
 * @param dockerfile the Dockerfile, relative to the context directory ({@code Dockerfile} by default)
 * @param tags the tags to push ({@code latest} when empty)
 * @param buildArgs {@code ARG} values, in order
 * @param target the stage to build, or null for the last
 * @param platform the target platform, e.g. {@code linux/arm64}, or null for the node's
 * @param cache whether to import and export a registry layer cache
 * @param cacheRepository where the cache lives; null for {@code <repository>/cache}
 * @param credentials the push credentials
 * @param builder {@code buildkit} (default) or {@code kaniko}
 * @param images the builder images (the pinned defaults when null)
 * @param namespace where the builder pod runs
 * @param requests resource requests of the builder ({@code cpu}, {@code memory}, {@code ephemeral-storage})
 * @param limits resource limits of the builder
 * @param nodeSelector node labels the builder pod must run on
 * @param tolerations taints the builder pod tolerates
 * @param serviceAccount the builder pod's service account, or null for the namespace default
 * @param timeout the longest the builder pod may run ({@code activeDeadlineSeconds})
 * @param identity the CI build this bake belongs to
 * @param extraLabels more labels for the builder pod and Secret (e.g. for cost allocation); cannot replace the
 *     bake's own labels
 * @param bakeId the bake's id (lowercase letters and digits); null to draw one. Choose it first and persist it
 *     to find the pod again after a restart.
 */
public record BakeRequest(
        String repository,
        String contextDir,
        String dockerfile,
        List<String> tags,
        Map<String, String> buildArgs,
        String target,
        String platform,
        boolean cache,
        String cacheRepository,
        RegistryCredentials credentials,
        String builder,
        BuilderImages images,
        String namespace,
        Map<String, String> requests,
        Map<String, String> limits,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        String serviceAccount,
        Duration timeout,
        BuildIdentity identity,
        Map<String, String> extraLabels,
        String bakeId) {

    public static final String BUILDKIT = "buildkit";
    public static final String KANIKO = "kaniko";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public BakeRequest {
        contextDir = contextDir == null || contextDir.isBlank() ? "." : contextDir;
        dockerfile = dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile;
        tags = tags == null || tags.isEmpty() ? List.of("latest") : List.copyOf(tags);
        buildArgs =
                buildArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        target = Strings.blankToNull(target);
        platform = Strings.blankToNull(platform);
        cacheRepository = Strings.blankToNull(cacheRepository);
        credentials = credentials == null ? new RegistryCredentials.None() : credentials;
        builder = Objects.requireNonNullElse(Strings.blankToNull(builder), BUILDKIT);
        images = images == null ? BuilderImages.DEFAULTS : images;
        requests = requests == null ? Map.of() : Map.copyOf(requests);
        limits = limits == null ? Map.of() : Map.copyOf(limits);
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        serviceAccount = Strings.blankToNull(serviceAccount);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        identity = identity == null ? BuildIdentity.UNKNOWN : identity;
        extraLabels = extraLabels == null ? Map.of() : Map.copyOf(extraLabels);
        bakeId = Strings.blankToNull(bakeId);
    }

    /**
     * Every field but the build arguments' values, which are often tokens (audit D-10): their names only. The
     * credentials mask themselves.
     */
    @Override
    public String toString() {
        return "BakeRequest[repository=" + repository + ", contextDir=" + contextDir + ", dockerfile=" + dockerfile
                + ", tags=" + tags + ", buildArgs=" + buildArgs.keySet() + " (values not shown), target=" + target
                + ", platform=" + platform + ", cache=" + cache + ", cacheRepository=" + cacheRepository
                + ", credentials=" + credentials + ", builder=" + builder + ", images=" + images + ", namespace="
                + namespace + ", requests=" + requests + ", limits=" + limits + ", nodeSelector=" + nodeSelector
                + ", tolerations=" + tolerations + ", serviceAccount=" + serviceAccount + ", timeout=" + timeout
                + ", identity=" + identity + ", extraLabels=" + extraLabels + ", bakeId=" + bakeId + "]";
    }

    /**
     * Every problem found without the workspace or the cluster, each naming the input and the rule; empty when there
     * is none. {@link ImageBaker#prepare} also checks the context.
     */
    public List<String> validate() {
        return BakeValidator.validate(this);
    }

    /** The cache repository in use: the given one, or {@code <repository>/cache}. */
    public String effectiveCacheRepository() {
        return cacheRepository != null ? cacheRepository : repository + "/cache";
    }

    /** The same request with the bake id set. */
    public BakeRequest withBakeId(String id) {
        return toBuilder().bakeId(id).build();
    }

    public static Builder builder(String repository) {
        return new Builder(repository);
    }

    /** A builder holding every value of this request, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(repository)
                .context(contextDir)
                .dockerfile(dockerfile)
                .tags(tags)
                .buildArgs(buildArgs)
                .target(target)
                .platform(platform)
                .cache(cache)
                .cacheRepository(cacheRepository)
                .credentials(credentials)
                .builder(builder)
                .images(images)
                .namespace(namespace)
                .requests(requests)
                .limits(limits)
                .nodeSelector(nodeSelector)
                .tolerations(tolerations)
                .serviceAccount(serviceAccount)
                .timeout(timeout)
                .identity(identity)
                .extraLabels(extraLabels)
                .bakeId(bakeId);
    }

    /** A fluent builder; unset fields take the defaults described on {@link BakeRequest}. */
    public static final class Builder {
        private final String repository;
        private String contextDir;
        private String dockerfile;
        private List<String> tags;
        private Map<String, String> buildArgs;
        private String target;
        private String platform;
        private boolean cache;
        private String cacheRepository;
        private RegistryCredentials credentials;
        private String builder;
        private BuilderImages images;
        private String namespace;
        private Map<String, String> requests;
        private Map<String, String> limits;
        private Map<String, String> nodeSelector;
        private List<Toleration> tolerations;
        private String serviceAccount;
        private Duration timeout;
        private BuildIdentity identity;
        private Map<String, String> extraLabels;
        private String bakeId;

        private Builder(String repository) {
            this.repository = repository;
        }

        public Builder context(String dir) {
            this.contextDir = dir;
            return this;
        }

        public Builder dockerfile(String path) {
            this.dockerfile = path;
            return this;
        }

        public Builder tags(List<String> t) {
            this.tags = t;
            return this;
        }

        public Builder tags(String... t) {
            this.tags = List.of(t);
            return this;
        }

        public Builder buildArgs(Map<String, String> a) {
            this.buildArgs = a;
            return this;
        }

        public Builder target(String t) {
            this.target = t;
            return this;
        }

        public Builder platform(String p) {
            this.platform = p;
            return this;
        }

        public Builder cache(boolean c) {
            this.cache = c;
            return this;
        }

        public Builder cacheRepository(String r) {
            this.cacheRepository = r;
            return this;
        }

        public Builder credentials(RegistryCredentials c) {
            this.credentials = c;
            return this;
        }

        public Builder builder(String b) {
            this.builder = b;
            return this;
        }

        public Builder images(BuilderImages i) {
            this.images = i;
            return this;
        }

        public Builder namespace(String n) {
            this.namespace = n;
            return this;
        }

        public Builder requests(Map<String, String> r) {
            this.requests = r;
            return this;
        }

        public Builder limits(Map<String, String> l) {
            this.limits = l;
            return this;
        }

        public Builder nodeSelector(Map<String, String> s) {
            this.nodeSelector = s;
            return this;
        }

        public Builder tolerations(List<Toleration> t) {
            this.tolerations = t;
            return this;
        }

        public Builder serviceAccount(String s) {
            this.serviceAccount = s;
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public Builder identity(BuildIdentity i) {
            this.identity = i;
            return this;
        }

        public Builder extraLabels(Map<String, String> l) {
            this.extraLabels = l;
            return this;
        }

        public Builder bakeId(String id) {
            this.bakeId = id;
            return this;
        }

        public BakeRequest build() {
            return new BakeRequest(
                    repository,
                    contextDir,
                    dockerfile,
                    tags,
                    buildArgs,
                    target,
                    platform,
                    cache,
                    cacheRepository,
                    credentials,
                    builder,
                    images,
                    namespace,
                    requests,
                    limits,
                    nodeSelector,
                    tolerations,
                    serviceAccount,
                    timeout,
                    identity,
                    extraLabels,
                    bakeId);
        }
    }
}
