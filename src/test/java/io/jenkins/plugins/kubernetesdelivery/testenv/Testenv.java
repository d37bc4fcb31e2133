package io.jenkins.plugins.kubernetesdelivery.testenv;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the testenv cluster started by {@code testenv/up} is, and one shared admin client for it.
 * The kubeconfig is taken from the system property {@code testenv.kubeconfig}, the environment variable
 * {@code TESTENV_KUBECONFIG}, or {@code .testenv/kubeconfig} in the repository root, in that order.
 */
public final class Testenv {

    static final String HOW_TO_START = "No testenv cluster is running. Start it from the repository root with"
            + " 'testenv/up' (it builds the control plane once, then starts it on 127.0.0.1), then run the tests"
            + " again; 'testenv/down' stops it. Cluster tests are never skipped.";

    private static KubernetesClient client;

    private Testenv() {}

    /** The repository root: the system property set by the build, or the nearest parent holding testenv/. */
    public static Path repositoryRoot() {
        String root = System.getProperty("kubernetesdelivery.root");
        if (root != null) {
            return Path.of(root).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("testenv/up"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder holding testenv/up)");
    }

    /** The kubeconfig file of the running testenv cluster; fails with instructions when there is none. */
    public static Path kubeconfig() {
        String explicit = System.getProperty("testenv.kubeconfig", System.getenv("TESTENV_KUBECONFIG"));
        Path p = explicit != null && !explicit.isBlank()
                ? Path.of(explicit)
                : repositoryRoot().resolve(".testenv/kubeconfig");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(HOW_TO_START + " (looked for " + p + ")");
        }
        return p;
    }

    /** The kubeconfig's text, for tests of kubeconfig credentials. */
    public static String kubeconfigText() {
        try {
            return Files.readString(kubeconfig(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + kubeconfig(), e);
        }
    }

    /** A file that {@code testenv/up} writes next to the kubeconfig (admin token, CA), as text. */
    public static String file(String name) {
        Path p = kubeconfig().resolveSibling(name);
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + "; restart testenv with testenv/down, testenv/up", e);
        }
    }

    /** The Kubernetes version testenv builds ({@code K8S_VERSION} in testenv/versions.env), e.g. {@code v1.36.3}. */
    public static String kubernetesVersion() {
        Path versions = repositoryRoot().resolve("testenv/versions.env");
        try {
            return Files.readAllLines(versions, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("K8S_VERSION="))
                    .map(l -> l.substring("K8S_VERSION=".length()).strip())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no K8S_VERSION in " + versions));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + versions, e);
        }
    }

    /** The admin client of the testenv cluster, shared by all tests of this JVM. */
    public static synchronized KubernetesClient adminClient() {
        if (client == null) {
            Config config =
                    Config.fromKubeconfig(null, kubeconfigText(), kubeconfig().toString());
            client = new KubernetesClientBuilder().withConfig(config).build();
            try {
                client.getKubernetesVersion();
            } catch (RuntimeException e) {
                client.close();
                client = null;
                throw new IllegalStateException(
                        HOW_TO_START + " (the API server in " + kubeconfig() + " did not answer: " + e.getMessage()
                                + ")",
                        e);
            }
        }
        return client;
    }
}
