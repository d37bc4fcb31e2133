package io.jenkins.plugins.kubernetesdelivery.testenv;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fault injection into a testenv of the tests' own: stop, start, restart, pause (SIGSTOP) and continue a component by
 * the PID {@code testenv/up} recorded (through {@code testenv/restart}), and a {@link TcpProxy} on 127.0.0.1 between a
 * client and the API server (latency, dropped or frozen connections, a reconnect loop).
 *
 * <p>Stopping or pausing a component would break every other test using that cluster, so this class works only on a
 * testenv that {@code testenv/up} started with {@code TESTENV_FAULTS=allow} (it writes {@value #MARKER} next to the
 * kubeconfig), named by the system property {@value #PROPERTY} or the environment variable {@value #ENV}, and never
 * on the one {@link Testenv} gives the other tests. {@code .ci/run} starts such a second testenv; by hand:
 *
 * <pre>
 * TESTENV_DIR=/tmp/faults-testenv TESTENV_PORT_BASE=19440 TESTENV_FAULTS=allow testenv/up
 * export TESTENV_FAULTS_KUBECONFIG=/tmp/faults-testenv/kubeconfig
 * ./mvnw -B -f offline/pom.xml verify -Dtest='*FaultsClusterTest' -Dtest.excludedGroups=e2e
 * </pre>
 *
 * Tests using it are tagged {@value #TAG} (left out by default, like e2e) and fail with these instructions when no
 * such cluster is given; proxy-only tests need no second cluster (see {@link #proxyTo(Path)}).
 */
public final class Faults {

    /** The JUnit tag of tests that stop or pause components: they need their own testenv. */
    public static final String TAG = "faults";

    static final String PROPERTY = "testenv.faults.kubeconfig";
    static final String ENV = "TESTENV_FAULTS_KUBECONFIG";
    static final String MARKER = "faults-allowed";

    /** The components {@code testenv/up} starts, by the names it records their PIDs under. */
    public enum Component {
        ETCD("etcd"),
        API_SERVER("kube-apiserver"),
        CONTROLLER_MANAGER("kube-controller-manager"),
        SCHEDULER("kube-scheduler"),
        KWOK("kwok");

        final String process;

        Component(String process) {
            this.process = process;
        }
    }

    private static Faults instance;

    private final Path kubeconfig;
    private KubernetesClient client;

    private Faults(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The fault-injection testenv; fails with instructions when none is given or it does not allow faults. */
    public static synchronized Faults cluster() {
        if (instance == null) {
            instance = new Faults(check(System.getProperty(PROPERTY, System.getenv(ENV))));
        }
        return instance;
    }

    static Path check(String given) {
        String how = " Start a testenv of their own: TESTENV_DIR=/tmp/faults-testenv TESTENV_PORT_BASE=19440"
                + " TESTENV_FAULTS=allow testenv/up, then export " + ENV + "=/tmp/faults-testenv/kubeconfig.";
        if (given == null || given.isBlank()) {
            throw new IllegalStateException(
                    "fault tests stop and pause the API server, so they never use the" + " shared testenv." + how);
        }
        Path p = Path.of(given).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no testenv kubeconfig at " + p + "." + how);
        }
        if (!Files.isRegularFile(p.resolveSibling(MARKER))) {
            throw new IllegalStateException(p.getParent() + " was not started with TESTENV_FAULTS=allow (no " + MARKER
                    + "); fault tests leave it alone." + how);
        }
        return p;
    }

    /** The kubeconfig of this cluster. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** An admin client of this cluster (shared by the tests of this JVM). */
    public synchronized KubernetesClient adminClient() {
        if (client == null) {
            client =
                    new KubernetesClientBuilder().withConfig(config(kubeconfig)).build();
        }
        return client;
    }

    /** A namespace per test in this cluster, like {@link TestNamespace} in the shared one. */
    public TestNamespace namespace() {
        return new TestNamespace(this::adminClient);
    }

    /** Stops the component (SIGTERM, SIGKILL after 5 s); the API server's clients then get connection refused. */
    public void stop(Component c) {
        restart(c.process, "stop");
    }

    /** Starts a stopped component again with its recorded command line; for etcd and the API server, until ready. */
    public void start(Component c) {
        restart(c.process, "start");
    }

    /** SIGSTOP: the component keeps its sockets open and answers nothing (a hung server, not a dead one). */
    public void pause(Component c) {
        restart(c.process, "pause");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume(Component c) {
        restart(c.process, "continue");
    }

    /** A proxy on 127.0.0.1 in front of this cluster's API server. */
    public TcpProxy proxy() throws IOException {
        return proxyTo(kubeconfig);
    }

    /**
     * A proxy in front of the API server of {@code kubeconfig} (the shared testenv's is fine: the proxy disturbs
     * only the clients that use it). Make clients with {@link #clientThrough}.
     */
    public static TcpProxy proxyTo(Path kubeconfig) throws IOException {
        return new TcpProxy(URI.create(config(kubeconfig).getMasterUrl()).getPort());
    }

    /**
     * A client of {@code kubeconfig}'s cluster that connects through {@code proxy}, over HTTP/1.1 so that each watch
     * has a connection of its own (as through many proxies and load balancers).
     */
    public static KubernetesClient clientThrough(TcpProxy proxy, Path kubeconfig) {
        Config c = new ConfigBuilder(config(kubeconfig))
                .withMasterUrl("https://127.0.0.1:" + proxy.port())
                .withHttp2Disable(true)
                .build();
        return new KubernetesClientBuilder().withConfig(c).build();
    }

    static Config config(Path kubeconfig) {
        try {
            return Config.fromKubeconfig(
                    null, Files.readString(kubeconfig, StandardCharsets.UTF_8), kubeconfig.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + kubeconfig, e);
        }
    }

    private void restart(String component, String action) {
        List<String> command = new ArrayList<>(
                List.of(Testenv.repositoryRoot().resolve("testenv/restart").toString(), component, action));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("TESTENV_DIR", kubeconfig.getParent().toString());
        try {
            Process p = pb.start();
            if (!p.waitFor(150, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("testenv/restart " + component + " " + action + " did not end");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("testenv/restart " + component + " " + action + " failed (exit "
                        + p.exitValue() + "); see " + kubeconfig.resolveSibling("logs"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run testenv/restart", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running testenv/restart", e);
        }
    }
}
