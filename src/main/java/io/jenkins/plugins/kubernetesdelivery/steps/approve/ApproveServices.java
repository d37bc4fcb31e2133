package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commits;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What {@code approveFor} needs from Jenkins besides {@link StepServices}: the build's starter and records, its
 * approvals so far, starting {@code input}, the commits since a build. In Jenkins this is
 * {@link JenkinsApproveServices}; an offline test hands its own as a context object
 * ({@code context.with(ApproveServices.class, fake)}).
 */
public interface ApproveServices {

    /** The services for {@code context}: a context object of this type if there is one, else Jenkins'. */
    static ApproveServices of(StepContext context) throws IOException, InterruptedException {
        ApproveServices s = context.get(ApproveServices.class);
        return s != null ? s : JenkinsApproveServices.INSTANCE;
    }

    /** The user id of who started the build, or {@code null}. In memory (CPS VM thread). */
    @CheckForNull
    String starter(StepContext context) throws IOException, InterruptedException;

    /** Whether the step runs inside {@code node {}} (it would hold an executor while it waits). In memory. */
    boolean insideNode(StepContext context) throws IOException, InterruptedException;

    /** What the build delivered so far (its run action's records). In memory. */
    @NonNull
    List<DeliveryRecord> records(StepContext context) throws IOException, InterruptedException;

    /** The build's {@code approveFor} calls for {@code environment} so far. In memory. */
    @NonNull
    List<FoundApproval> approvals(StepContext context, String environment) throws IOException, InterruptedException;

    /** Records that the step's flow node {@code nodeId} asks for {@code environment} (the build's index). */
    void index(StepContext context, String environment, String nodeId) throws IOException, InterruptedException;

    /** Starts {@code input} as {@code request} says, returning its execution (which Pipeline then starts). */
    @NonNull
    StepExecution startInput(InputRequest request, StepContext context) throws Exception;

    /** The commits of this job's builds since the one at {@code liveBuildUrl}. Worker thread. */
    @NonNull
    Commits commitsSince(StepContext context, @CheckForNull String liveBuildUrl)
            throws IOException, InterruptedException;

    /** Saves the step's flow node after its action changed. Worker thread. */
    void saveNode(StepContext context) throws IOException, InterruptedException;
}
