package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;

/**
 * What {@code approveFor} asked for, on its own flow node: the environment, the policy as it was then, the deadline,
 * the candidate and who started the build. The {@code input} that collects the answer records the approver on the
 * same node ({@code InputSubmittedAction}); {@code deployLabeled} reads both. Plain data only (saved with the node);
 * invisible in the UI.
 *
 * <p>The preview worker adds what it read from the cluster and the builds afterwards ({@link #preview}); the audit adds
 * that the outcome was reported ({@link #markAudited()}).
 */
public final class ApprovalAction implements PersistentAction {

    private final String environment;
    private final List<String> approvers;
    private final boolean allowSelfApproval;
    private final int timeoutMinutes;
    private final long requestedAt;
    private final long deadline;
    private final String starter;
    private final String app;
    private final String commit;
    private final List<String> images;
    private final String schemaVersion;
    private final String stagedAs;

    private String liveRelease;
    private String nextRelease;
    private List<String> commitAuthors;
    private boolean audited;

    ApprovalAction(
            String environment,
            ApprovalPolicy policy,
            Instant requestedAt,
            Instant deadline,
            @CheckForNull String starter,
            Candidate candidate) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.approvers = new ArrayList<>(policy.approvers());
        this.allowSelfApproval = policy.allowSelfApproval();
        this.timeoutMinutes = policy.timeoutMinutes();
        this.requestedAt = requestedAt.toEpochMilli();
        this.deadline = deadline.toEpochMilli();
        this.starter = starter;
        this.app = candidate.app();
        this.commit = candidate.commit();
        this.images = new ArrayList<>(candidate.images());
        this.schemaVersion = candidate.schemaVersion();
        this.stagedAs = candidate.stagedAs();
    }

    @NonNull
    public String getEnvironment() {
        return environment;
    }

    /** The policy when the approval was requested (the one {@code input} checks the approvers of). */
    @NonNull
    public ApprovalPolicy policy() {
        return new ApprovalPolicy(approvers, allowSelfApproval, timeoutMinutes);
    }

    @NonNull
    public Instant requestedAt() {
        return Instant.ofEpochMilli(requestedAt);
    }

    /** When the approval times out (the request plus the policy's timeout). */
    @NonNull
    public Instant deadline() {
        return Instant.ofEpochMilli(deadline);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** The user id of who started the build, or {@code null} when no user did. */
    @CheckForNull
    public String getStarter() {
        return starter;
    }

    @NonNull
    public Candidate candidate() {
        return new Candidate(app, commit, images, schemaVersion, stagedAs);
    }

    /** The live release the preview found ({@code v8}), or {@code null}. */
    @CheckForNull
    public synchronized String getLiveRelease() {
        return liveRelease;
    }

    /** The release a deploy is expected to make ({@code v9}), or {@code null} when not read. */
    @CheckForNull
    public synchronized String getNextRelease() {
        return nextRelease;
    }

    /** The authors of the commits since the live release, as far as the preview found them. */
    @NonNull
    public synchronized List<String> getCommitAuthors() {
        return commitAuthors == null ? List.of() : List.copyOf(commitAuthors);
    }

    /** Records what the preview read: the live release, the next release, the authors of the commits in between. */
    synchronized void preview(@CheckForNull String live, @CheckForNull String next, Set<String> authors) {
        this.liveRelease = live;
        this.nextRelease = next;
        this.commitAuthors = new ArrayList<>(authors);
    }

    /** Whether the outcome was reported (console line and run record); true at most once. */
    synchronized boolean markAudited() {
        if (audited) {
            return false;
        }
        audited = true;
        return true;
    }

    /** {@code web v9}, {@code web at c0ffee1}: the candidate for audit lines. */
    @NonNull
    public String candidateLabel() {
        return candidate().label(getNextRelease());
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
