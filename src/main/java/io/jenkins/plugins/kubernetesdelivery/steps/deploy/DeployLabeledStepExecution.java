package io.jenkins.plugins.kubernetesdelivery.steps.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ImageRef;
import io.jenkins.plugins.kubernetesdelivery.engine.release.DeployResult;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHandle;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseRequest;
import io.jenkins.plugins.kubernetesdelivery.steps.ApprovalGate;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryStepExecution;
import io.jenkins.plugins.kubernetesdelivery.steps.RunFacts;
import io.jenkins.plugins.kubernetesdelivery.steps.StepConsole;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code deployLabeled}: on the CPS VM thread it checks the arguments, resolves the target and asks the
 * {@link ApprovalGate}; on a worker it reads the manifests (one remote call), opens a client of its own, builds the
 * request, saves it with the engine's handle ({@link SavedDeploy}) and deploys; after a controller restart it resumes
 * the saved deploy exactly once. See {@link DeliveryStepExecution} for threads, stop and restart.
 */
final class DeployLabeledStepExecution extends DeliveryStepExecution<SavedDeploy> {

    private static final long serialVersionUID = 1L;

    /** The arguments: what a resume needs to find the target again, and what the work needs. */
    private final String environment;

    private final String cluster;
    private final String namespace;
    private final String app;
    private final String manifests;
    private RunFacts facts;
    private String approver;

    /** Only until the work has started: a resume needs none of these. */
    private transient DeployLabeledStep step;

    private transient Target target;
    private transient FilePath workspace;

    DeployLabeledStepExecution(DeployLabeledStep step, StepContext context) {
        super(context, "deployLabeled");
        this.step = step;
        this.environment = step.getEnvironment();
        this.cluster = step.getCluster();
        this.namespace = step.getNamespace();
        this.app = step.getApp();
        this.manifests = step.getManifests();
    }

    @Override
    protected void prepare() throws Exception {
        facts = services().runFacts(getContext());
        target = services().target(environment, cluster, namespace, facts.jobFullName());
        List<String> problems = DeployInputs.stepProblems(step);
        if (!problems.isEmpty()) {
            throw new AbortException(DeliveryException.invalid(
                            "the deploy request for " + (app == null ? "an app" : app) + " to " + target, problems)
                    .getMessage());
        }
        if (manifests != null) {
            workspace = getContext().get(FilePath.class);
            if (workspace == null) {
                throw new AbortException(Messages.DeployLabeledStep_NoWorkspace(manifests));
            }
        }
        approver = ApprovalGate.of(getContext(), DeployApproval.WITHOUT_A_GATE)
                .approverFor(target, getContext().get(Run.class));
    }

    @Override
    protected Object run(StepConsole console) throws Exception {
        List<ManifestFile> files = null;
        if (manifests != null) {
            console.line("reading manifests '" + manifests + "' from the workspace");
            ManifestReader.Result read = ManifestReader.read(workspace, manifests);
            console.line("read " + read.files().size()
                    + (read.files().size() == 1 ? " manifest file: " : " manifest files: ")
                    + String.join(
                            ", ",
                            read.files().stream()
                                    .map(ManifestReader.Manifest::name)
                                    .toList())
                    + (read.skipped().isEmpty()
                            ? ""
                            : " (skipped, not .yaml, .yml or .json: " + String.join(", ", read.skipped()) + ")"));
            files = ManifestReader.files(read);
        }
        try (KubernetesClient client = services().openClient(target, getContext())) {
            String ns = target.namespace() != null ? target.namespace() : client.getNamespace();
            if (ns == null) {
                throw new AbortException("cluster '" + target.cluster().getName() + "' names no namespace and its"
                        + " credentials have no default one: name a namespace in the environment, the cluster or the"
                        + " step");
            }
            ReleaseRequest request = DeployInputs.request(
                    step,
                    ns,
                    DeployInputs.Provenance.of(facts.gitCommit(), facts.buildUrl(), facts.actor(), approver),
                    files,
                    target.allowClusterScoped());
            ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.DEPLOY, request.app(), ns);
            saveHandle(new SavedDeploy(handle, request));
            return deploy(
                    console,
                    request,
                    () -> new ReleaseEngine(client, console, Clock.systemUTC()).deploy(handle, request));
        }
    }

    @Override
    protected Object resume(SavedDeploy saved, StepConsole console) throws Exception {
        target = services().target(environment, cluster, namespace, facts.jobFullName());
        ReleaseRequest request = saved.request();
        console.line("resuming the deploy of " + request.namespace() + "/" + request.app() + " after a restart");
        try (KubernetesClient client = services().openClient(target, getContext())) {
            return deploy(
                    console,
                    request,
                    () -> new ReleaseEngine(client, console, Clock.systemUTC()).resume(saved.handle(), request));
        }
    }

    /** Runs the engine call; prints the final line and records the outcome either way. */
    private Map<String, Object> deploy(StepConsole console, ReleaseRequest request, EngineCall call) {
        DeployResult r;
        try {
            r = call.run();
        } catch (RuntimeException e) {
            record(
                    base(request)
                            .outcome(DeliveryRecord.Outcome.FAILED)
                            .note(console.mask(
                                    e instanceof DeliveryException d ? d.reason() : String.valueOf(e.getMessage())))
                            .build(),
                    console);
            throw e;
        }
        console.line(request.namespace() + "/" + request.app() + " " + r.release() + " is live (was "
                + (r.previous() == null ? "none" : r.previous()) + ")");
        record(
                base(request)
                        .release(r.release())
                        .previous(r.previous())
                        .outcome(DeliveryRecord.Outcome.SUCCEEDED)
                        .build(),
                console);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("release", r.release());
        value.put("previous", r.previous());
        value.put("namespace", r.namespace());
        value.put("services", new ArrayList<>(r.services()));
        return value;
    }

    private DeliveryRecord.Builder base(ReleaseRequest request) {
        return DeliveryRecord.of(DeliveryRecord.Kind.DEPLOY, request.app())
                .environment(environment)
                .namespace(request.namespace())
                .digest(digest(request))
                .who(request.actor());
    }

    /** The digest of the request's first digest-pinned image, for the run page. */
    @CheckForNull
    private static String digest(ReleaseRequest request) {
        for (String image : request.images()) {
            String ref = image.contains("=") ? image.substring(image.indexOf('=') + 1) : image;
            if (ImageRef.check(ref).isEmpty() && ImageRef.parse(ref).digest() != null) {
                return ImageRef.parse(ref).digest();
            }
        }
        return null;
    }

    /** The engine's deploy or resume. */
    @FunctionalInterface
    private interface EngineCall {
        DeployResult run();
    }
}
