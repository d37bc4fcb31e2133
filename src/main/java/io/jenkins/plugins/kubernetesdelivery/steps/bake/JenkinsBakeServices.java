package io.jenkins.plugins.kubernetesdelivery.steps.bake;

import hudson.AbortException;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.BuilderPodSettings;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.engine.image.ImageBaker;
import io.jenkins.plugins.kubernetesdelivery.engine.image.RegistryCredentials;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** {@link BakeServices} in Jenkins: thin, each method one lookup; covered by {@code BakeImageStepJenkinsTest}. */
enum JenkinsBakeServices implements BakeServices {
    INSTANCE;

    @Override
    public BuilderPodSettings builderSettings(String targetNamespace) throws AbortException {
        return DeliveryConfiguration.get().getBuilderDefaults().toPodSettings(targetNamespace);
    }

    @Override
    public int buildNumber(StepContext context) throws IOException, InterruptedException {
        return run(context).getNumber();
    }

    @Override
    public RegistryCredentials registryCredentials(String id, StepContext context)
            throws IOException, InterruptedException {
        return RegistryCredentialsTranslator.lookup(id, run(context));
    }

    @Override
    public ImageBaker baker(KubernetesClient client) {
        return new ImageBaker(client);
    }

    private static Run<?, ?> run(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        if (run == null) {
            throw new AbortException(Messages.JenkinsBakeServices_NoRun());
        }
        return run;
    }
}
