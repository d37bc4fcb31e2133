package io.jenkins.plugins.kubernetesdelivery.engine.cluster.archfixture;

import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;

/** A test-only cluster class that uses the image and release packages on purpose, to prove the rule can fail. */
public class UsesImageAndRelease {
    public ImageBaker baker;
    public ReleaseEngine engine;
}
