package io.jenkins.plugins.kubernetesdelivery.engine.release.render.archfixture;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A test-only render class that reads the cluster on purpose, to prove the purity rule can fail. */
public class UsesClient {
    public Object read(KubernetesClient client) {
        return client.services().inNamespace("shop").withName("web").get();
    }
}
