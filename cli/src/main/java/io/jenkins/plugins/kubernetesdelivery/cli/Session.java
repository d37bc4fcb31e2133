package io.jenkins.plugins.kubernetesdelivery.cli;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ClusterClients;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;

/** One command's connection to the cluster: the client, the namespace, progress on stderr, and who acts. */
final class Session implements AutoCloseable {

    /** What {@code deployed-by}, a pin's {@code by} and the history's {@code by} say after the user's name. */
    static final String VIA = " (kubectl delivery)";

    final CliContext ctx;
    final ClusterOptions options;
    final Progress progress;
    final Kubeconfigs.Connection connection;
    final KubernetesClient client;

    private Session(CliContext ctx, ClusterOptions options, Progress progress, Kubeconfigs.Connection connection,
            KubernetesClient client) {
        this.ctx = ctx;
        this.options = options;
        this.progress = progress;
        this.connection = connection;
        this.client = client;
    }

    static Session open(CliContext ctx, ClusterOptions options) {
        Progress progress = new Progress(ctx, options.quiet);
        try {
            Kubeconfigs.Connection c = Kubeconfigs.connect(ctx, options, progress);
            return new Session(ctx, options, progress, c, ClusterClients.open(c.config()));
        } catch (RuntimeException e) {
            progress.close();
            throw e;
        }
    }

    String namespace() {
        return connection.namespace();
    }

    ReleaseEngine engine() {
        return new ReleaseEngine(client, progress, ctx.clock());
    }

    /**
     * Who acts, as the history and the release annotations record it: the {@code --as} user, else the user the API
     * server authenticates these credentials as ({@code kubectl auth whoami}), else the kubeconfig's user entry;
     * followed by {@value #VIA}.
     */
    String actor() {
        if (options.as != null) {
            return options.as + VIA;
        }
        String name = null;
        try {
            SelfSubjectReview review = client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
            if (review != null && review.getStatus() != null && review.getStatus().getUserInfo() != null) {
                name = review.getStatus().getUserInfo().getUsername();
            }
        } catch (KubernetesClientException e) {
            name = null; // an API server before 1.28, or no permission: fall back to the kubeconfig's user name
        }
        if (name == null || name.isBlank()) {
            name = connection.user() != null ? connection.user() : System.getProperty("user.name", "someone");
        }
        return name + VIA;
    }

    @Override
    public void close() {
        progress.close();
        client.close();
    }
}
