package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Retrying a guarded write that lost a race: the API server answers 409 Conflict when an object changed since it was
 * read (its resourceVersion moved on). An attempt reads the object, decides, and writes; after a conflict it runs
 * again, on a fresh read.
 */
public final class Conflicts {

    private Conflicts() {}

    /** Whether the API server refused a write because the object changed since it was read (HTTP 409). */
    public static boolean is(KubernetesClientException e) {
        return e.getCode() == 409;
    }

    /**
     * Runs {@code attempt} until it returns, at most {@code attempts} times: a 409 it throws starts the next
     * attempt, the last one goes to {@code exhausted}, which returns the exception to throw. Anything else
     * {@code attempt} throws (another status, an exception it made of one) propagates at once. An attempt that
     * words its own write failures rethrows a 409 as it is, so that it is retried.
     */
    public static <T> T retry(
            int attempts,
            Supplier<T> attempt,
            Function<KubernetesClientException, ? extends RuntimeException> exhausted) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (KubernetesClientException e) {
                if (!is(e)) {
                    throw e;
                }
                if (n >= attempts) {
                    throw exhausted.apply(e);
                }
            }
        }
    }

    /** {@link #retry(int, Supplier, Function)} that throws the last 409 as it is. */
    public static <T> T retry(int attempts, Supplier<T> attempt) {
        return retry(attempts, attempt, e -> e);
    }
}
