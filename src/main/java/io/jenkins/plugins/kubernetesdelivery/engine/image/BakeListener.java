package io.jenkins.plugins.kubernetesdelivery.engine.image;

/** Receives progress for the console, one line at a time (no trailing newline). Called from the baking thread. */
@FunctionalInterface
public interface BakeListener {

    void line(String line);

    BakeListener NONE = line -> {};
}
