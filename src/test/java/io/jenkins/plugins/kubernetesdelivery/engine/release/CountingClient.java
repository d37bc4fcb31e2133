package io.jenkins.plugins.kubernetesdelivery.engine.release;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubernetesdelivery.testenv.Testenv;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A testenv client that counts its requests as "METHOD path" (watches as "WATCH path"); close it after use. */
public final class CountingClient implements AutoCloseable {

    public final KubernetesClient client;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    public CountingClient() {
        Config config = Config.fromKubeconfig(
                null, Testenv.kubeconfigText(), Testenv.kubeconfig().toString());
        client = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        boolean watch = request.uri().getQuery() != null
                                && request.uri().getQuery().contains("watch=true");
                        requests.computeIfAbsent(
                                        (watch ? "WATCH" : request.method()) + " "
                                                + request.uri().getPath(),
                                        k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }))
                .build();
    }

    public int count(String methodAndPath) {
        AtomicInteger n = requests.get(methodAndPath);
        return n == null ? 0 : n.get();
    }

    /** Every request counted so far. */
    public int total() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        client.close();
    }
}
