package io.jenkins.plugins.kubernetesdelivery.engine.image.archfixture;

import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;

/** A test-only image class that uses the release engine on purpose, to prove the rule can fail. */
public class UsesRelease {
    public ReleaseEngine engine;
}
