package io.jenkins.plugins.kubernetesdelivery.steps.approve;

import hudson.security.ACL;
import hudson.security.ACLContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.ProgressListener;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.ApprovalPreview;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Candidate;
import io.jenkins.plugins.kubernetesdelivery.engine.approval.Commits;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.steps.StepConsole;
import io.jenkins.plugins.kubernetesdelivery.steps.StepServices;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * Reads the live release of the environment through the release engine, off the CPS VM thread, and prints the
 * {@link ApprovalPreview} (candidate against live, the commits since, a schema change) to the step's console log;
 * records the live release, the next release and the commit authors on the {@link ApprovalAction}. Runs once, right
 * after {@code approveFor} started, under the build's authentication. If the cluster cannot be read, it says so: the
 * approval can still be given. Not resumed after a restart (what it found is on the node by then, or it says so in
 * the log).
 */
final class ApprovalPreviewWorker implements Runnable {

    private static final Logger LOGGER = Logger.getLogger(ApprovalPreviewWorker.class.getName());

    private final StepContext context;
    private final StepServices services;
    private final ApproveServices approve;
    private final Target target;
    private final ApprovalAction action;
    private final StepConsole console;
    private final Authentication auth;
    private final Clock clock;

    ApprovalPreviewWorker(
            StepContext context,
            StepServices services,
            ApproveServices approve,
            Target target,
            ApprovalAction action,
            StepConsole console,
            Authentication auth,
            Clock clock) {
        this.context = context;
        this.services = services;
        this.approve = approve;
        this.target = target;
        this.action = action;
        this.console = console;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public void run() {
        String env = action.getEnvironment();
        Candidate candidate = action.candidate();
        try (ACLContext ignored = ACL.as2(auth);
                KubernetesClient client = services.openClient(target, context)) {
            String namespace = target.namespace() != null ? target.namespace() : client.getNamespace();
            ApprovalPreview.LiveState state = ApprovalPreview.read(
                    new ReleaseEngine(client, ProgressListener.NONE, clock), candidate.app(), namespace);
            Commits commits = state.live() == null
                    ? Commits.of(List.of())
                    : approve.commitsSince(context, state.live().metadata().buildUrl());
            ApprovalPreview preview =
                    new ApprovalPreview(env, namespace, candidate, state.live(), state.lastRelease(), commits);
            for (String line : preview.lines()) {
                console.line(line);
            }
            action.preview(
                    state.live() == null ? null : state.live().release(), preview.nextRelease(), commits.authors());
            save();
        } catch (DeliveryException e) {
            console.line(Messages.ApprovalPreviewWorker_Unreadable(env, e.reason()));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "approveFor preview of " + env, e);
            console.line(Messages.ApprovalPreviewWorker_Unreadable(env, String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void save() throws InterruptedException {
        try {
            approve.saveNode(context);
        } catch (IOException | RuntimeException e) {
            // the node is saved again with the input's actions; until then the authors live in memory
            LOGGER.log(Level.WARNING, "cannot save the approval of " + action.getEnvironment(), e);
        }
    }
}
