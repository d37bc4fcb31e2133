package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.WebSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's view of a {@link Transport}'s HTTP client: it sends through the shared dispatcher and connection pool
 * with interceptors of its own. Its {@link #close()} cancels only its own calls: requests in flight, response
 * bodies still streaming (HTTP watches) and open WebSockets, as fabric8's own client does by cancelling every call
 * of its dispatcher; then it tells the transport it is done. It never closes the shared dispatcher, pool or threads.
 */
final class OperationHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What {@link #close()} cancels: calls in flight, bodies being read, WebSockets; each removed once done. */
    private final Map<Object, Runnable> open = new ConcurrentHashMap<>();

    OperationHttpClient(HttpClient delegate, Runnable onClose) {
        this.delegate = delegate;
        this.onClose = onClose;
    }

    /** The shared client this one sends through. */
    HttpClient delegate() {
        return delegate;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cancelOpen();
            onClose.run();
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    /** How many calls, bodies and WebSockets of this client are open. */
    int openCalls() {
        return open.size();
    }

    private void cancelOpen() {
        for (Object key : List.copyOf(open.keySet())) {
            Runnable cancel = open.remove(key);
            if (cancel != null) {
                cancel.run();
            }
        }
    }

    /** Registers {@code cancel} under {@code key} until {@code done} completes; runs it at once if closed. */
    private void track(Object key, Runnable cancel, CompletableFuture<?> done) {
        open.put(key, cancel);
        done.whenComplete((r, t) -> open.remove(key));
        if (closed.get()) {
            cancelOpen();
        }
    }

    private <T> CompletableFuture<T> tracked(CompletableFuture<T> call) {
        Object key = new Object();
        track(key, () -> call.cancel(true), call);
        call.thenAccept(r -> {
            if (r instanceof HttpResponse<?> response && response.body() instanceof AsyncBody body) {
                track(body, body::cancel, body.done());
            }
        });
        return call;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new KubernetesClientException("this Kubernetes client is closed");
        }
    }

    /** A client derived from this one (another request configuration): a view too, with nothing to release. */
    @Override
    public DerivedClientBuilder newBuilder() {
        DerivedClientBuilder b = delegate.newBuilder();
        return new DerivedClientBuilder() {
            @Override
            public HttpClient build() {
                return new OperationHttpClient(b.build(), () -> {});
            }

            @Override
            public DerivedClientBuilder addOrReplaceInterceptor(String name, Interceptor interceptor) {
                b.addOrReplaceInterceptor(name, interceptor);
                return this;
            }

            @Override
            public DerivedClientBuilder authenticatorNone() {
                b.authenticatorNone();
                return this;
            }

            @Override
            public DerivedClientBuilder tag(Object value) {
                b.tag(value);
                return this;
            }
        };
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, Class<T> type) {
        checkOpen();
        return tracked(delegate.sendAsync(request, type));
    }

    @Override
    public CompletableFuture<HttpResponse<AsyncBody>> consumeBytes(
            HttpRequest request, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        checkOpen();
        return tracked(delegate.consumeBytes(request, consumer));
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        checkOpen();
        WebSocket.Builder b = delegate.newWebSocketBuilder();
        return new WebSocket.Builder() {
            @Override
            public CompletableFuture<WebSocket> buildAsync(WebSocket.Listener listener) {
                checkOpen();
                CompletableFuture<Void> ended = new CompletableFuture<>();
                CompletableFuture<WebSocket> ws = tracked(b.buildAsync(new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        listener.onOpen(webSocket);
                    }

                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        listener.onMessage(webSocket, text);
                    }

                    @Override
                    public void onMessage(WebSocket webSocket, ByteBuffer bytes) {
                        listener.onMessage(webSocket, bytes);
                    }

                    @Override
                    public void onClose(WebSocket webSocket, int code, String reason) {
                        ended.complete(null);
                        listener.onClose(webSocket, code, reason);
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        ended.complete(null);
                        listener.onError(webSocket, error);
                    }
                }));
                ws.thenAccept(w -> track(w, () -> w.sendClose(1000, "the client is closed"), ended));
                return ws;
            }

            @Override
            public WebSocket.Builder subprotocol(String protocol) {
                b.subprotocol(protocol);
                return this;
            }

            @Override
            public WebSocket.Builder header(String name, String value) {
                b.header(name, value);
                return this;
            }

            @Override
            public WebSocket.Builder setHeader(String k, String v) {
                b.setHeader(k, v);
                return this;
            }

            @Override
            public WebSocket.Builder uri(URI uri) {
                b.uri(uri);
                return this;
            }

            @Override
            public WebSocket.Builder connectTimeout(long timeout, TimeUnit unit) {
                b.connectTimeout(timeout, unit);
                return this;
            }
        };
    }

    @Override
    public HttpRequest.Builder newHttpRequestBuilder() {
        return delegate.newHttpRequestBuilder();
    }
}
