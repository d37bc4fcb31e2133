package io.jenkins.plugins.kubernetesdelivery.cli;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.DeployResult;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHistory;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deploy APP --image REF -f DIR}: a new labeled release, switched to once it is ready (deployLabeled). */
@Command(name = "deploy", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Deploys a new release of APP next to the live one and switches its Services to it once it is"
                + " ready, with the same validation and steps as the deployLabeled Pipeline step"
                + " (docs/releases.md). Without -f it deploys a generated Deployment and Service (--port,"
                + " --replicas).")
final class DeployCommand extends ClusterCommand {

    @Parameters(paramLabel = "APP", description = "The app: names the release history, the Lease and the releases.")
    String app;

    @Option(names = "--image", paramLabel = "REF",
            description = "An image, digest-pinned (repo@sha256:…); [CONTAINER=]REF targets a container by name, a"
                    + " plain REF every container of that repository. Repeat for several.")
    List<String> images = new ArrayList<>();

    @Option(names = "--images", paramLabel = "NAME=REF", split = ",",
            description = "Images by container name, comma-separated (the same as several --image NAME=REF).")
    List<String> namedImages = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "DIR|FILE",
            description = "Manifests: a file, or a directory's .yaml/.yml/.json files. Repeat for several.")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--service", paramLabel = "NAME",
            description = "A Service to switch (default: every Service in the manifests). Repeat for several.")
    List<String> services = new ArrayList<>();

    @Option(names = "--schema-version", paramLabel = "V",
            description = "The data schema version this release needs; rollbacks across it are guarded.")
    String schemaVersion;

    @Option(names = "--commit", paramLabel = "SHA", description = "The git commit the images were built from.")
    String commit;

    @Option(names = "--allow-tags", description = "Allow images referenced by tag instead of digest.")
    boolean allowTags;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "5",
            description = "Releases to keep, the live and the warm one included (default 5, at least 2).")
    int keep;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "How long the rollout may take (default 10m).")
    Duration timeout;

    @Option(names = "--unpin", description = "Lift a pin left by a rollback.")
    boolean unpin;

    @Option(names = "--port", paramLabel = "PORT", description = "Without -f: the generated app's port (default 8080).")
    Integer port;

    @Option(names = "--replicas", paramLabel = "N", description = "Without -f: the generated app's replicas (default 2).")
    Integer replicas;

    @Option(names = "--allow-cluster-scoped",
            description = "Allow cluster-scoped objects in the manifests (a Namespace, a ClusterRole, …): they change"
                    + " the whole cluster, not the release's namespace, and are applied like shared objects.")
    boolean allowClusterScoped;

    @Option(names = "--create-namespace", description = "Create the namespace if it does not exist (as helm does).")
    boolean createNamespace;

    /**
     * The engine refuses a pinned app too (and checks again under the Lease); this says it in the CLI's terms before
     * anything else happens.
     */
    private void refuseWhenPinned(ReleaseHistory h, String ns) {
        if (h.pin() != null) {
            throw new DeliveryException(ns + "/" + app + " is pinned to " + h.pin().release() + " after a rollback by "
                    + (h.pin().by() == null ? "someone" : h.pin().by()) + " (" + (h.pin().reason() == null
                            ? "no reason given" : h.pin().reason()) + "); nothing was changed. Once the problem is"
                    + " fixed, lift the pin with 'kubectl delivery unpin " + app + "' or deploy with --unpin.");
        }
    }

    /** The end of the engine's refusal of cluster-scoped objects: what a Jenkins target does about it. */
    static final String TARGET_HINT = "or have an administrator allow cluster-scoped objects for this target.";

    /** The engine's refusal of cluster-scoped objects, in the CLI's terms: here it is a flag, not a target setting. */
    static DeliveryException withFlag(DeliveryException e) {
        String reason = e.reason();
        if (!reason.startsWith("the manifests hold cluster-scoped objects") || !reason.endsWith(TARGET_HINT)) {
            return e;
        }
        return new DeliveryException(reason.substring(0, reason.length() - TARGET_HINT.length())
                + "or deploy with --allow-cluster-scoped if this app may change them.", e);
    }

    @Override
    void run(Session s) {
        String ns = s.namespace();
        if (!manifests.isEmpty() && (port != null || replicas != null)) {
            throw DeliveryException.invalid("the deploy request for " + ns + "/" + app,
                    List.of("--port and --replicas apply to the generated app only, not with -f"));
        }
        ReleaseRequest.Builder b = ReleaseRequest.builder(app, ns).services(services).schemaVersion(schemaVersion)
                .gitCommit(commit).allowTags(allowTags).keep(keep).rolloutTimeout(timeout).unpin(unpin)
                .allowClusterScoped(allowClusterScoped);
        images.forEach(b::image);
        namedImages.forEach(b::image);
        if (manifests.isEmpty()) {
            b.simple(port == null ? 8080 : port, replicas == null ? 2 : replicas);
        } else {
            b.manifests(ManifestFiles.read(s.ctx, manifests));
        }
        // bad input changes nothing, the namespace included: validate before creating it
        List<String> problems = b.build().validate();
        if (!problems.isEmpty()) {
            throw DeliveryException.invalid("the deploy request for " + ns + "/" + app, problems);
        }
        ReleaseEngine engine = s.engine();
        if (!unpin) {
            refuseWhenPinned(engine.history(app, ns), ns);
        }
        if (createNamespace && s.client.namespaces().withName(ns).get() == null) {
            s.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                    .build()).create();
            s.progress.line("created namespace " + ns);
        }
        ReleaseRequest request = b.actor(s.actor()).build();
        DeployResult r;
        long start = System.nanoTime();
        try (Cancellation c = Cancellation.onShutdown(() -> { })) {
            r = engine.deploy(request);
        } catch (DeliveryException e) {
            throw withFlag(e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", r.namespace());
        m.put("app", app);
        m.put("release", r.release());
        m.put("previous", r.previous());
        m.put("services", r.services());
        m.put("durationMs", millis);
        print(s, m, () -> ns + "/" + app + " " + r.release() + " is live"
                + (r.previous() == null ? "" : " (was " + r.previous() + ", kept warm)") + "; Services: "
                + String.join(", ", r.services()) + "; deployed in " + Output.seconds(millis) + "\n");
    }
}
