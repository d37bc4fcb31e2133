package io.jenkins.plugins.kubernetesdelivery.engine.archfixture;

/** A test-only engine class that breaks the architecture rule on purpose, to prove the rule can fail. */
public class UsesRun {
    public String describe(hudson.model.Run<?, ?> run) {
        return run.getExternalizableId();
    }
}
