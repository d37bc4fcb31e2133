package io.jenkins.plugins.kubernetesdelivery.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.DeliveryClients;
import io.jenkins.plugins.kubernetesdelivery.DeliveryConfiguration;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.Targets;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/** {@link StepServices} in Jenkins: thin, each method one lookup; covered by the steps' {@code *JenkinsTest}. */
enum JenkinsStepServices implements StepServices {
    INSTANCE;

    @Override
    public RunFacts runFacts(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> run = run(context);
        return RunFacts.of(run, Jenkins.get().getRootUrl(), context.get(EnvVars.class));
    }

    @Override
    public Target target(String environment, String cluster, String namespace, String jobFullName)
            throws AbortException {
        return Targets.resolve(DeliveryConfiguration.get(), environment, cluster, namespace, jobFullName);
    }

    @Override
    public KubernetesClient openClient(Target target, StepContext context) throws IOException, InterruptedException {
        return DeliveryClients.openForRun(target, run(context));
    }

    @Override
    public void record(StepContext context, DeliveryRecord record) throws IOException, InterruptedException {
        DeliveryRunAction.record(run(context), record);
    }

    @Override
    public Authentication authentication(StepContext context) throws IOException, InterruptedException {
        FlowExecution execution = context.get(FlowExecution.class);
        return execution != null ? execution.getAuthentication2() : Jenkins.getAuthentication2();
    }

    private static Run<?, ?> run(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        if (run == null) {
            throw new AbortException(Messages.JenkinsStepServices_NoRun());
        }
        return run;
    }
}
