package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * From the step's arguments, the build's facts and the target to the engine's {@link ReleaseRequest}, with every
 * problem at once: the step's own rules and the engine's {@link ReleaseRequest#validate()}. Pure: no Jenkins lookups,
 * no cluster.
 *
 * <p>There is no user-given version: the engine allocates the release id ({@code v<N>}, also the
 * {@code app.kubernetes.io/version} label); the commit, build URL, actor, approver and schema version become
 * annotations and history fields only.
 */
final class DeployInputs {

    /** The most minutes a deploy may wait for its release: a day. */
    static final int MAX_TIMEOUT_MINUTES = 24 * 60;

    private DeployInputs() {}

    /**
     * Where the release comes from.
     *
     * @param gitCommit the commit the build checked out, or {@code null}
     * @param buildUrl the build's URL, or {@code null}
     * @param actor who started the build, or {@code null}
     * @param approver who approved the deploy for the environment (approveFor), or {@code null}
     */
    record Provenance(String gitCommit, String buildUrl, String actor, String approver) {

        /**
         * The facts as the engine records them: a build URL that is not absolute (Jenkins' root URL is not
         * configured) is left out.
         */
        static Provenance of(String gitCommit, String buildUrl, String actor, String approver) {
            return new Provenance(gitCommit, isHttpUrl(buildUrl) ? buildUrl : null, actor, approver);
        }

        private static boolean isHttpUrl(String url) {
            return url != null && (url.startsWith("https://") || url.startsWith("http://"));
        }
    }

    /** The step's own rules, checked when it starts (no manifests read yet, no cluster). */
    static List<String> stepProblems(DeployLabeledStep s) {
        List<String> problems = new ArrayList<>();
        if (s.getApp() == null) {
            problems.add("app is required: the name of the app to deploy, e.g. app: 'web'");
        }
        if (s.getImage() != null && !s.getImages().isEmpty()) {
            problems.add("image and images: give one of them, not both");
        }
        if (s.getService() != null && !s.getServices().isEmpty()) {
            problems.add("service and services: give one of them, not both");
        }
        if (s.getManifests() != null
                && (s.getPort() != DeployLabeledStep.DEFAULT_PORT
                        || s.getReplicas() != DeployLabeledStep.DEFAULT_REPLICAS)) {
            problems.add("port and replicas shape the generated Deployment and Service, which are not used with"
                    + " manifests: set them in the manifests instead");
        }
        if (s.getTimeout() < 1 || s.getTimeout() > MAX_TIMEOUT_MINUTES) {
            problems.add("timeout " + s.getTimeout() + " must be between 1 and " + MAX_TIMEOUT_MINUTES + " minutes");
        }
        return problems;
    }

    /** The request to deploy to a target that does not allow cluster-scoped objects. */
    static ReleaseRequest request(
            DeployLabeledStep s, String namespace, Provenance from, @CheckForNull List<ManifestFile> manifests) {
        return request(s, namespace, from, manifests, false);
    }

    /**
     * The request to deploy; {@code manifests} are the files read from the workspace, or {@code null} without
     * {@code manifests:} (the engine then generates a Deployment and a Service).
     *
     * @param allowClusterScoped the target's permission for cluster-scoped objects ({@code Target#allowClusterScoped},
     *     an administrator's setting of the environment); no argument of the step can set it
     * @throws DeliveryException listing every problem (the step's and the engine's) when there is one
     */
    static ReleaseRequest request(
            DeployLabeledStep s,
            String namespace,
            Provenance from,
            @CheckForNull List<ManifestFile> manifests,
            boolean allowClusterScoped) {
        ReleaseRequest request = build(s, namespace, from, manifests).toBuilder()
                .allowClusterScoped(allowClusterScoped)
                .build();
        List<String> problems = new ArrayList<>(stepProblems(s));
        // without an app, the step's own problem says it better than the engine's
        request.validate().stream()
                .filter(p -> s.getApp() != null || !p.startsWith("app "))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            throw DeliveryException.invalid("the deploy request for " + namespace + "/" + s.getApp(), problems);
        }
        return request;
    }

    /** The request as the arguments say, unchecked. */
    static ReleaseRequest build(
            DeployLabeledStep s, String namespace, Provenance from, @CheckForNull List<ManifestFile> manifests) {
        ReleaseRequest.Builder b = ReleaseRequest.builder(s.getApp(), namespace);
        String image = s.getImage();
        if (image != null) {
            b.image(image);
        }
        s.getImages().forEach(b::image);
        if (manifests == null) {
            b.simple(s.getPort(), s.getReplicas());
        } else {
            b.manifests(manifests);
        }
        String service = s.getService();
        if (service != null) {
            b.service(service);
        }
        s.getServices().forEach(b::service);
        Verify v = s.getVerify();
        if (v != null) {
            b.verification(new Verification(v.getImage() == null ? "" : v.getImage(), v.getCommand()));
        }
        // an out-of-range timeout is the step's problem: the engine gets the default, so it is reported once
        boolean timeoutValid = s.getTimeout() >= 1 && s.getTimeout() <= MAX_TIMEOUT_MINUTES;
        return b.schemaVersion(s.getSchemaVersion())
                .gitCommit(from.gitCommit())
                .buildUrl(from.buildUrl())
                .actor(from.actor())
                .approver(from.approver())
                .keep(s.getKeep())
                .rolloutTimeout(
                        Duration.ofMinutes(timeoutValid ? s.getTimeout() : DeployLabeledStep.DEFAULT_TIMEOUT_MINUTES))
                .allowTags(s.isAllowTags())
                .unpin(s.isUnpin())
                .force(s.isForce())
                .build();
    }
}
