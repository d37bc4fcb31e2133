package io.jenkins.plugins.kubernetesdelivery.testenv;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test a fabric8 client for the testenv cluster and a fresh namespace,
 * deleted after the test. Register it as a field and read {@link #client()} and {@link #name()}, or declare
 * {@code KubernetesClient} and {@code TestNamespace} parameters:
 *
 * <pre>
 * &#64;RegisterExtension TestNamespace ns = new TestNamespace();
 * </pre>
 *
 * When testenv is not running, every test using it fails with a message that says how to start it.
 */
public final class TestNamespace implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Supplier<KubernetesClient> cluster;
    private String name;

    /** A namespace per test in the shared testenv ({@link Testenv#adminClient()}). */
    public TestNamespace() {
        this(Testenv::adminClient);
    }

    /** A namespace per test in the cluster of {@code cluster}'s client (e.g. {@link Faults#namespace()}). */
    public TestNamespace(Supplier<KubernetesClient> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String base = context.getRequiredTestClass()
                .getSimpleName()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        name = base + "-" + UUID.randomUUID().toString().substring(0, 8);
        KubernetesClient client = cluster.get();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("delivery.jenkins.io/test", "true")
                        .endMetadata()
                        .build())
                .create();
        // pods cannot be created before the controller-manager has made the default service account
        client.serviceAccounts()
                .inNamespace(name)
                .withName("default")
                .waitUntilCondition(sa -> sa != null, 60, TimeUnit.SECONDS);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (name != null) {
            cluster.get().namespaces().withName(name).delete();
            name = null;
        }
    }

    /** The namespace of the running test. */
    public String name() {
        if (name == null) {
            throw new IllegalStateException("the namespace exists only while a test runs");
        }
        return name;
    }

    /** The cluster's admin client (shared); use {@code inNamespace(name())} or the namespace-aware DSL. */
    public KubernetesClient client() {
        return cluster.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) throws ParameterResolutionException {
        Class<?> type = p.getParameter().getType();
        return type == KubernetesClient.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) throws ParameterResolutionException {
        return p.getParameter().getType() == KubernetesClient.class ? client() : this;
    }
}
