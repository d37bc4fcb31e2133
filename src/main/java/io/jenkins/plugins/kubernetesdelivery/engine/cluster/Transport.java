package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder.ExecutorSupplier;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;

/**
 * The HTTP side shared by every client of one {@link TransportKey}: one OkHttp client (its dispatcher, connection
 * pool and TLS set-up) and one bounded executor for fabric8's tasks (watch and informer events, stream copies).
 * Each {@link #open(Config, KubernetesSerialization) opened} client is a fabric8 client of its own over it: its own
 * interceptors (user agent, impersonation, token refresh from its own configuration), its own watches and informers,
 * which its {@code close()} closes; its close never closes the shared parts. Those are closed once the transport is
 * {@link #retire() retired} (its connection changed) and its last client is closed; until then it stays, idle: OkHttp
 * drops idle connections after 5 minutes and both executors let idle threads go, so an idle transport holds no
 * thread and no connection.
 */
final class Transport {

    /**
     * Requests in flight at once, per host and in all. An open watch holds one for as long as it is open (and one
     * thread reading it), and an operation waiting for a rollout holds up to 4 (its Lease, Deployments, pods,
     * EndpointSlices): 2,048 lets 500 operations wait at once with room for their other requests. fabric8 itself
     * sets no limit (its Config's 64 / 5 are not applied to OkHttp); a limit below the number of open watches would
     * queue every other request behind watches that do not end (JENKINS-40825).
     */
    static final int MAX_REQUESTS = 2048;

    /**
     * fabric8's task threads: they hand watch and informer events to their handlers and copy streams; none of
     * the engine's handlers blocks, so a few serve every operation of a cluster (tasks queue beyond them).
     */
    static final int TASK_THREADS = 8;

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final TransportKey key;
    private final OkHttpClientFactory factory;
    private final HttpClient shared;
    private final ThreadPoolExecutor tasks;
    private final ExecutorSupplier taskSupplier;
    private int clients;
    private boolean retired;
    private boolean closed;

    Transport(TransportKey key, Config config) {
        this.key = key;
        String name = "kubernetes-delivery-" + SERIAL.incrementAndGet();
        ExecutorService http = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon(name + "-http-"));
        this.factory = new OkHttpClientFactory() {
            @Override
            protected Dispatcher initDispatcher() {
                Dispatcher d = new Dispatcher(http);
                d.setMaxRequests(MAX_REQUESTS);
                d.setMaxRequestsPerHost(MAX_REQUESTS);
                return d;
            }

            @Override
            protected void additionalConfig(okhttp3.OkHttpClient.Builder builder) {
                builder.socketFactory(new NoDelaySockets());
            }
        };
        this.shared = ((HttpClient.Factory) factory).newBuilder(config).build();
        this.tasks = new ThreadPoolExecutor(
                TASK_THREADS, TASK_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name + "-task-"));
        tasks.allowCoreThreadTimeOut(true);
        this.taskSupplier = () -> tasks; // onClose does nothing: the executor is the transport's
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    TransportKey key() {
        return key;
    }

    /**
     * A new client for {@code config} (whose {@link TransportKey} is this transport's) over the shared parts; the
     * caller closes it.
     *
     * @throws IllegalStateException when this transport is closed
     */
    synchronized KubernetesClient open(Config config, KubernetesSerialization serialization) {
        if (closed) {
            throw new IllegalStateException(key + " is closed");
        }
        HttpClient.DerivedClientBuilder b = shared.newBuilder().tag(config.getRequestConfig());
        HttpClientUtils.createApplicableInterceptors(config, factory).forEach(b::addOrReplaceInterceptor);
        OperationHttpClient http = new OperationHttpClient(b.build(), this::released);
        clients++;
        return new KubernetesClientImpl(http, config, taskSupplier, serialization);
    }

    /** Clients open over this transport. */
    synchronized int clients() {
        return clients;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void released() {
        clients--;
        closeIfUnused();
    }

    /** No new client will be opened here; closes the shared parts once the last open client is closed. */
    synchronized void retire() {
        retired = true;
        closeIfUnused();
    }

    private void closeIfUnused() {
        if (retired && clients == 0 && !closed) {
            closed = true;
            shared.close(); // cancels its calls (there are none left), drops its connections, stops its threads
            tasks.shutdownNow();
        }
    }

    /** The task executor, for tests. */
    Executor tasks() {
        return tasks;
    }
}
