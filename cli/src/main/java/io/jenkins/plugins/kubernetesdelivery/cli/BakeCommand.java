package io.jenkins.plugins.kubernetesdelivery.cli;

import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.image.Bake;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeResult;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeSettings;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuildIdentity;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.LocalWorkspaceFiles;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bake REPOSITORY [DIR]}: builds a local folder into an image in a builder pod and pushes it (bakeImage).
 * The build context is a positional folder, as in {@code docker build}, because {@code --context} is kubectl's
 * kubeconfig context.
 */
@Command(name = "bake", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Builds DIR (default: the current folder) into an image in a short-lived builder pod in the"
                + " namespace (BuildKit rootless or Kaniko, the same pods as the bakeImage Pipeline step), pushes it"
                + " and prints its digest-pinned reference on stdout.")
final class BakeCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "REPOSITORY", description = "Where to push, e.g. registry.example.com/shop/web.")
    String repository;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The build context folder (default: the current folder); .dockerignore applies.")
    Path contextDir;

    @Option(names = {"-f", "--dockerfile"}, paramLabel = "FILE", defaultValue = "Dockerfile",
            description = "The Dockerfile, relative to DIR (default Dockerfile).")
    String dockerfile;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "A tag to push (default latest). Repeat.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "An ARG value. Repeat.")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build (default: the last).")
    String target;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "The target platform (default: the node's).")
    String platform;

    @Option(names = "--builder", paramLabel = "NAME", defaultValue = "buildkit",
            description = "buildkit (default, rootless) or kaniko.")
    String builder;

    @Option(names = "--registry-secret", paramLabel = "NAME",
            description = "A kubernetes.io/dockerconfigjson Secret in the namespace to push with; mounted as it is."
                    + " Without it the registry must accept anonymous pushes.")
    String registrySecret;

    @Option(names = "--cache", description = "Import and export a registry layer cache.")
    boolean cache;

    @Option(names = "--cache-repository", paramLabel = "REPOSITORY",
            description = "Where the cache lives (default REPOSITORY/cache).")
    String cacheRepository;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label for the builder pod. Repeat.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "The longest the builder pod may run (default 30m).")
    Duration timeout;

    @Override
    void run(Session s) throws Exception {
        Path dir = s.ctx.resolve(contextDir);
        if (!Files.isDirectory(dir)) {
            throw DeliveryException.invalid("the bake request for " + repository,
                    List.of("context folder " + contextDir + " does not exist"));
        }
        BakeRequest request = BakeRequest.builder(repository).context(".").dockerfile(dockerfile).tags(tags)
                .buildArgs(buildArgs).target(target).platform(platform).builder(builder).cache(cache)
                .cacheRepository(cacheRepository).namespace(s.namespace()).timeout(timeout).extraLabels(labels)
                .credentials(registrySecret == null ? null : new RegistryCredentials.ExistingSecret(registrySecret))
                .identity(new BuildIdentity(s.actor(), 0, null)).build();
        ImageBaker baker = new ImageBaker(s.client, s.ctx.channels().apply(s.client), BakeSettings.DEFAULTS);
        Bake bake = baker.prepare(request, new LocalWorkspaceFiles(dir), s.progress);
        BakeResult r;
        try (Cancellation c = Cancellation.onShutdown(bake::cancel)) {
            r = bake.run();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repository", r.repository());
        m.put("digest", r.digest());
        m.put("reference", r.reference());
        m.put("tags", r.tags());
        print(s, m, () -> r.reference() + "\n");
    }
}
