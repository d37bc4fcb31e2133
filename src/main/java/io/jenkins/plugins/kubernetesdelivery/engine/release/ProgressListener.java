package io.jenkins.plugins.kubernetesdelivery.engine.release;

/**
 * Where the engine reports progress: one short present-tense line per event, already prefixed with the step
 * name, e.g. {@code deployLabeled: shop/web-v8 2/3 ready}. The Jenkins layer prints it as is. Lines may come
 * from a client thread (watch events) besides the calling one, never two at the same time for one operation.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = line -> {};

    void line(String line);
}
