package io.jenkins.plugins.kubernetesdelivery.engine;

/**
 * Where the engine reports progress: one short present-tense line per event, without a trailing newline, naming
 * objects as {@code namespace/name}, e.g. {@code shop/web-v8 2/3 ready}; a bake also passes its builder's log lines
 * through. The caller prints them (the Jenkins layer under the step's prefix). Lines never hold a credential.
 *
 * <p>Lines may come from several threads, at the same time: the thread that called the engine; for a deploy or
 * rollback also the fabric8 informer threads and the {@code kubernetes-delivery wait backstop} thread (rollout
 * progress while waiting); for a bake also the log-reader thread {@code bake log <namespace>/<pod>} of
 * {@code Fabric8PodChannels.followLog} (the builder's log lines). Implementations must be thread-safe; Jenkins'
 * {@code TaskListener} stream is.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Drops every line. */
    ProgressListener NONE = line -> {};

    void line(String line);

    /**
     * Called with {@code true} on the calling thread right before a deploy or rollback changes the first Service
     * selector, and with {@code false} once its switch is over: every Service selects the target, or the failure
     * handling has put them back. A caller may hold a controller restart meanwhile (Pipeline's
     * {@code blocksRestart}). Lines may arrive between the two calls. Does nothing by default.
     */
    default void switchInFlight(boolean inFlight) {}
}
