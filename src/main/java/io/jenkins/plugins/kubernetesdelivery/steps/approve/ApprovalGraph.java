package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import java.util.Set;

/**
 * What one build knows about its approvals: the {@code approveFor} calls for an environment, who started it, who wrote
 * its changes. In Jenkins: {@link RunApprovalGraph}; offline tests hand a fake one to {@link ApprovalCheck}.
 */
public interface ApprovalGraph {

    /** The build's {@code approveFor} calls for {@code environment}, oldest first. */
    @NonNull
    List<FoundApproval> approvals(String environment);

    /** The user id of who started the build, or {@code null} when no user did. */
    @CheckForNull
    String starter();

    /** The user ids of the authors of the build's own change sets. */
    @NonNull
    Set<String> changeAuthors();
}
