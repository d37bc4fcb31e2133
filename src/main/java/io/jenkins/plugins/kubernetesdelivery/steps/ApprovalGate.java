package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Run;
import io.jenkins.plugins.kubernetesdelivery.Target;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Whether a build may deploy to a target now, and who approved it: {@code deployLabeled} asks before it changes
 * anything, so an environment whose approval policy is {@code required} cannot be reached without a valid approval in
 * the same build, whatever the Jenkinsfile says. {@code approveFor} (issue 7) provides the implementation, as an
 * extension; until then {@code deployLabeled} uses its own fallback, which lets through targets without an approval
 * policy and refuses the others.
 */
public interface ApprovalGate extends ExtensionPoint {

    /**
     * The approver to record with the release ({@code null} when the target needs no approval), or a refusal. Called on
     * the CPS VM thread when the step starts: in memory only.
     *
     * @throws AbortException naming the rule and what to do, when the build may not deploy to {@code target}
     */
    @CheckForNull
    String approverFor(@NonNull Target target, @NonNull Run<?, ?> run) throws AbortException;

    /**
     * The gate for a step: a context object of this type (offline tests hand their own), else the first registered
     * extension, else {@code fallback}.
     */
    @NonNull
    static ApprovalGate of(StepContext context, ApprovalGate fallback) throws IOException, InterruptedException {
        ApprovalGate own = context.get(ApprovalGate.class);
        if (own != null) {
            return own;
        }
        ExtensionList<ApprovalGate> registered = ExtensionList.lookup(ApprovalGate.class);
        return registered.isEmpty() ? fallback : registered.get(0);
    }
}
