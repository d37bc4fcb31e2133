package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * A build's approvals in Jenkins: the {@link RunApprovals} index of the build, each entry's flow node read from the
 * build's flow execution. In memory (flow nodes are cached; a node not in memory is read from the build directory).
 */
final class RunApprovalGraph implements ApprovalGraph {

    private final Run<?, ?> run;

    RunApprovalGraph(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public List<FoundApproval> approvals(String environment) {
        RunApprovals index = run.getAction(RunApprovals.class);
        if (index == null) {
            return List.of();
        }
        List<FoundApproval> found = new ArrayList<>();
        FlowExecution execution = execution();
        for (String id : index.nodeIds(environment)) {
            FlowNode node;
            try {
                node = execution == null ? null : execution.getNode(id);
            } catch (IOException e) {
                node = null;
            }
            // a node that cannot be read counts as no approval: the check fails closed
            FoundApproval f = node == null ? null : FoundApproval.of(node);
            if (f != null) {
                found.add(f);
            }
        }
        return found;
    }

    @Override
    public String starter() {
        return BuildChanges.starter(run.getCauses());
    }

    @Override
    public Set<String> changeAuthors() {
        return BuildChanges.authorsOf(run);
    }

    private FlowExecution execution() {
        if (run instanceof FlowExecutionOwner.Executable e) {
            FlowExecutionOwner owner = e.asFlowExecutionOwner();
            return owner == null ? null : owner.getOrNull();
        }
        return null;
    }
}
