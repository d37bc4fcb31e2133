package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commits;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * {@link ApproveServices} for offline tests: the build's starter, records and commits are what the test sets; the
 * index remembers the flow nodes it was given (the context's node), so {@link #approvals} reads them as Jenkins
 * would; {@code input} is not started but its request is kept ({@link #requests}).
 */
final class FakeApproveServices implements ApproveServices {

    volatile String starter = "alice";
    volatile boolean insideNode;
    final List<DeliveryRecord> records = new CopyOnWriteArrayList<>();
    volatile Commits commits = Commits.of(List.of());
    final List<InputRequest> requests = new CopyOnWriteArrayList<>();
    final List<RunApprovals.Entry> index = new CopyOnWriteArrayList<>();
    final Map<String, FlowNode> nodes = new ConcurrentHashMap<>();
    final List<String> commitsAskedFor = new CopyOnWriteArrayList<>();
    final AtomicInteger nodeSaves = new AtomicInteger();

    @Override
    public String starter(StepContext context) {
        return starter;
    }

    @Override
    public boolean insideNode(StepContext context) {
        return insideNode;
    }

    @Override
    public List<DeliveryRecord> records(StepContext context) {
        return List.copyOf(records);
    }

    @Override
    public List<FoundApproval> approvals(StepContext context, String environment) {
        List<FoundApproval> found = new ArrayList<>();
        for (RunApprovals.Entry e : index) {
            if (e.environment().equals(environment)) {
                found.add(FoundApproval.of(nodes.get(e.nodeId())));
            }
        }
        return found;
    }

    @Override
    public void index(StepContext context, String environment, String nodeId)
            throws java.io.IOException, InterruptedException {
        nodes.put(nodeId, context.get(FlowNode.class));
        index.add(new RunApprovals.Entry(environment, nodeId));
    }

    @Override
    public StepExecution startInput(InputRequest request, StepContext context) {
        requests.add(request);
        return new Waiting(context);
    }

    @Override
    public Commits commitsSince(StepContext context, String liveBuildUrl) {
        commitsAskedFor.add(String.valueOf(liveBuildUrl));
        return commits;
    }

    @Override
    public void saveNode(StepContext context) {
        nodeSaves.incrementAndGet();
    }

    /** Stands for {@code input}'s execution: waits. */
    static final class Waiting extends StepExecution {
        private static final long serialVersionUID = 1L;

        Waiting(StepContext context) {
            super(context);
        }

        @Override
        public boolean start() {
            return false;
        }
    }

    /** A flow node of a test's Pipeline graph (no execution: actions live in memory). */
    static FlowNode node(String id) {
        return new FlowNode(null, id) {
            @Override
            protected String getTypeDisplayName() {
                return "approveFor";
            }
        };
    }
}
