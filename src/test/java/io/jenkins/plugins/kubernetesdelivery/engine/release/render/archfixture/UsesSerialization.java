package io.jenkins.plugins.kubernetesdelivery.engine.release.render.archfixture;

import io.fabric8.kubernetes.client.utils.Serialization;

/** A test-only render class that uses the one client class rendering may use, to prove the rule allows it. */
public class UsesSerialization {
    public String yaml(Object o) {
        return Serialization.asYaml(o);
    }
}
