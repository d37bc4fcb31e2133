package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commits;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRunAction;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStep;

/** {@link ApproveServices} in Jenkins: one lookup each; covered by {@code ApproveForJenkinsTest}. */
enum JenkinsApproveServices implements ApproveServices {
    INSTANCE;

    /** Guards adding the index to a build, so parallel branches never add two. */
    private static final Object ATTACH = new Object();

    @Override
    public String starter(StepContext context) throws IOException, InterruptedException {
        return BuildChanges.starter(run(context).getCauses());
    }

    @Override
    public boolean insideNode(StepContext context) throws IOException, InterruptedException {
        return context.get(FilePath.class) != null;
    }

    @Override
    public List<DeliveryRecord> records(StepContext context) throws IOException, InterruptedException {
        DeliveryRunAction action = run(context).getAction(DeliveryRunAction.class);
        return action == null ? List.of() : action.getRecords();
    }

    @Override
    public List<FoundApproval> approvals(StepContext context, String environment)
            throws IOException, InterruptedException {
        return new RunApprovalGraph(run(context)).approvals(environment);
    }

    @Override
    public void index(StepContext context, String environment, String nodeId) throws IOException, InterruptedException {
        Run<?, ?> run = run(context);
        RunApprovals index;
        synchronized (ATTACH) {
            index = run.getAction(RunApprovals.class);
            if (index == null) {
                index = new RunApprovals();
                run.addAction(index);
            }
        }
        index.add(new RunApprovals.Entry(environment, nodeId));
    }

    @Override
    public StepExecution startInput(InputRequest request, StepContext context) throws Exception {
        InputStep input = new InputStep(request.message());
        input.setId(request.id());
        input.setSubmitter(request.submitter());
        input.setOk(request.ok());
        input.setCancel(request.cancel());
        input.setSubmitterParameter(request.submitterParameter());
        return input.start(context);
    }

    @Override
    public Commits commitsSince(StepContext context, String liveBuildUrl) throws IOException, InterruptedException {
        return BuildChanges.since(run(context), liveBuildUrl, Jenkins.get().getRootUrl());
    }

    @Override
    public void saveNode(StepContext context) throws IOException, InterruptedException {
        FlowNode node = context.get(FlowNode.class);
        if (node != null) {
            node.save();
        }
    }

    private static Run<?, ?> run(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        if (run == null) {
            throw new AbortException(Messages.JenkinsApproveServices_NoRun());
        }
        return run;
    }
}
