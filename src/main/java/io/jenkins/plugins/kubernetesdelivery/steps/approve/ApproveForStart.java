package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubernetesdelivery.Approval;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalDeadline;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPolicy;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Candidate;
import io.jenkins.plugins.kubernetesdelivery.steps.RunFacts;
import io.jenkins.plugins.kubernetesdelivery.steps.StepConsole;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import io.jenkins.plugins.kubernetesdelivery.steps.StepWorkers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What {@code approveFor} does when it starts, on the CPS VM thread, in memory only (no network, no agent I/O):
 *
 * <ol>
 *   <li>Resolves the environment from the global configuration (refusals name the rule).</li>
 *   <li>Policy {@code none}: prints one line and returns an execution that is done at once (value {@code null}).</li>
 *   <li>Policy {@code required}: refuses a second approval of the environment waiting in the same build; warns
 *       inside {@code node {}}; records an {@link ApprovalAction} on the step's flow node (environment, policy,
 *       deadline, candidate, starter) and indexes it on the build ({@link RunApprovals}); then returns
 *       {@code input}'s own execution for a message built from memory ({@link ApprovalMessage}), with the id from
 *       the environment, the environment's approvers as submitters and the approver as the returned value.</li>
 *   <li>Hands the reading of the live release (network) to a short worker ({@link ApprovalPreviewWorker}), which
 *       prints it to the step's console log, right after {@code input}'s prompt as a rule.</li>
 * </ol>
 */
final class ApproveForStart {

    static final String FUNCTION = "approveFor";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApproveForStep step;
    private final StepContext context;
    private final Clock clock;

    ApproveForStart(ApproveForStep step, StepContext context, Clock clock) {
        this.step = step;
        this.context = context;
        this.clock = clock;
    }

    StepExecution start() throws Exception {
        String env = step.getEnvironment();
        if (env == null) {
            throw new AbortException(Messages.ApproveForStart_NoEnvironment());
        }
        StepServices services = StepServices.of(context);
        ApproveServices approve = ApproveServices.of(context);
        TaskListener listener = context.get(TaskListener.class);
        if (listener == null) {
            throw new AbortException(Messages.ApproveForStart_NoListener());
        }
        StepConsole console = new StepConsole(FUNCTION, listener);
        RunFacts facts = services.runFacts(context);
        Target target = services.target(env, null, null, facts.jobFullName());
        Approval approval = target.approval();
        if (approval == null) {
            console.line(Messages.ApproveForStart_NoApproval(env));
            return new NoApprovalNeeded(context);
        }
        ApprovalPolicy policy = ApprovalCheck.policyOf(approval);
        if (policy.approvers().isEmpty()) {
            throw new AbortException(Messages.ApproveForStart_NoApprovers(env));
        }
        for (FoundApproval f : approve.approvals(context, env)) {
            if (f.state() == FoundApproval.State.PENDING) {
                throw new AbortException(Messages.ApproveForStart_AlreadyWaiting(env));
            }
        }
        FlowNode node = context.get(FlowNode.class);
        if (node == null) {
            throw new AbortException(Messages.ApproveForStart_NoNode());
        }
        if (approve.insideNode(context)) {
            console.line(Messages.ApproveForStart_InsideNode());
        }
        Instant now = clock.instant();
        Instant deadline = deadline(env, now, policy);
        String starter = approve.starter(context);
        Candidate candidate =
                Candidates.of(approve.records(context), step.getApp(), facts.gitCommit(), step.getSchemaVersion());
        ApprovalAction action = new ApprovalAction(env, policy, now, deadline, starter, candidate);
        node.addAction(action);
        approve.index(context, env, node.getId());
        console.line(Messages.ApproveForStart_Waiting(
                env,
                String.join(", ", policy.approvers()),
                WHEN.format(deadline),
                String.valueOf(policy.timeoutMinutes())));
        InputRequest request = new InputRequest(
                ApprovalMessage.render(env, step.getMessage(), candidate, policy, starter, deadline),
                InputRequest.idFor(env),
                policy.submitters(),
                step.getOk() == null ? Messages.ApproveForStart_Ok() : step.getOk(),
                Messages.ApproveForStart_Reject(),
                InputRequest.APPROVER);
        StepExecution input = approve.startInput(request, context);
        if (candidate.app() != null) {
            ApprovalPreviewWorker worker = new ApprovalPreviewWorker(
                    context, services, approve, target, action, console, services.authentication(context), clock);
            StepWorkers.execute("kubernetes-delivery approveFor preview " + env + " " + context, worker);
        }
        return input;
    }

    private static Instant deadline(String env, Instant now, ApprovalPolicy policy) throws AbortException {
        try {
            return ApprovalDeadline.of(now, policy.timeoutMinutes());
        } catch (IllegalArgumentException e) {
            // numbers as text: MessageFormat would group the digits (43,200)
            throw new AbortException(Messages.ApproveForStart_BadTimeout(
                    env,
                    String.valueOf(policy.timeoutMinutes()),
                    String.valueOf(ApprovalDeadline.MIN_MINUTES),
                    String.valueOf(ApprovalDeadline.MAX_MINUTES)));
        }
    }
}
