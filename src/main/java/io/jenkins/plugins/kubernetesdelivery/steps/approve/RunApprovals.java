package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.InvisibleAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a build's approvals are: for each {@code approveFor} call, its environment and the id of its flow node, in the
 * order they were asked for. An index only (saved with the build): what was asked and who answered is on the nodes
 * ({@link ApprovalAction}, {@code InputSubmittedAction}). Approvals never carry over to another build.
 */
public final class RunApprovals extends InvisibleAction {

    /** One {@code approveFor} call. A class, not a record: XStream saves it with the build. */
    public static final class Entry {
        private final String environment;
        private final String nodeId;

        public Entry(String environment, String nodeId) {
            this.environment = Objects.requireNonNull(environment, "environment");
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        }

        public String environment() {
            return environment;
        }

        public String nodeId() {
            return nodeId;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry entry) {
        entries.add(Objects.requireNonNull(entry, "entry"));
    }

    /** The node ids of the approvals asked for {@code environment}, oldest first. */
    @NonNull
    public synchronized List<String> nodeIds(String environment) {
        List<String> ids = new ArrayList<>();
        for (Entry e : entries) {
            if (e.environment().equals(environment)) {
                ids.add(e.nodeId());
            }
        }
        return ids;
    }

    /** Every entry, oldest first. */
    @NonNull
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
