package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An informer-backed wait, like fabric8's {@code informOnCondition}, that also survives a failed start: an
 * expired watch (410 Gone), 429, a 5xx or a lost connection relists and watches again with the informer's
 * backoff, before and after the first sync. Other errors (403, 404, bad data) fail the wait. A periodic GET (see
 * {@link Backstop}) is the backstop for a watch that stops silently. Cancelling or completing the future stops the
 * informer.
 */
final class Informers {

    private Informers() {}

    /**
     * Completes with the objects once {@code condition} holds for them, as seen by an informer on {@code source};
     * every {@code backstop} it also tests what {@code read} returns (a GET), so a watch that the network
     * dropped silently cannot stall the wait until its timeout.
     */
    static <T extends HasMetadata> CompletableFuture<List<T>> await(
            Informable<T> source, Supplier<List<T>> read, Predicate<List<T>> condition, Duration backstop) {
        CompletableFuture<List<T>> future = new CompletableFuture<>();
        SharedIndexInformer<T> informer = source.runnableInformer(0);
        informer.exceptionHandler((started, t) -> {
            if (retryable(t)) {
                return true;
            }
            future.completeExceptionally(t);
            return false;
        });
        Runnable check = () -> {
            if (future.isDone()) {
                return;
            }
            try {
                List<T> items = informer.getStore().list();
                if (condition.test(items)) {
                    future.complete(items);
                }
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        };
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                check.run();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                check.run();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                check.run();
            }
        });
        Future<?> poll = Backstop.every(backstop, () -> {
            if (future.isDone()) {
                return;
            }
            try {
                List<T> items = read.get();
                if (condition.test(items)) {
                    future.complete(items);
                }
            } catch (RuntimeException e) {
                // the informer is the primary source; its exception handler decides about errors
            }
        });
        future.whenComplete((r, t) -> {
            poll.cancel(false);
            informer.stop();
        });
        informer.start().whenComplete((v, t) -> {
            if (t != null) {
                future.completeExceptionally(t);
            } else {
                check.run();
            }
        });
        return future;
    }

    /**
     * Waits at most {@code timeout} for a wait from {@link #await}. A failed watch ends it with "cannot watch
     * {@code watched}: reason", an interrupt (kept for the caller) with "interrupted while {@code doing}".
     */
    static <T> T get(CompletableFuture<T> wait, Duration timeout, String watched, String doing)
            throws TimeoutException {
        try {
            return wait.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DeliveryException(
                    "cannot watch " + watched + ": "
                            + ApiErrors.oneLine(e.getCause().getMessage()),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while " + doing, e);
        }
    }

    static boolean retryable(Throwable t) {
        if (ExceptionHandler.isDeserializationException(t)) {
            return false;
        }
        if (t instanceof WatcherException w) {
            return w.isHttpGone() || w.getCause() == null || retryable(w.getCause());
        }
        if (t instanceof KubernetesClientException k) {
            int code = k.getCode();
            return code <= 0 || code == 410 || code == 429 || code >= 500;
        }
        return t instanceof java.io.IOException
                || (t != null && t.getCause() != null && t.getCause() != t && retryable(t.getCause()));
    }
}
