package io.jenkins.plugins.kubernetesdelivery.engine.release.archfixture;

import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;

/** A test-only release class that uses the image baker on purpose, to prove the rule can fail. */
public class UsesImage {
    public ImageBaker baker;
}
