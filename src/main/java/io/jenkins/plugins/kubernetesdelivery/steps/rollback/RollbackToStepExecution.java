package io.jenkins.plugins.kubernetesdelivery.steps.rollback;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.engine.DeliveryException;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseEngine;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ReleaseHandle;
import io.jenkins.plugins.kubernetesdelivery.engine.release.RollbackRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.release.RollbackResult;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryRecord;
import io.jenkins.plugins.kubernetesdelivery.steps.DeliveryStepExecution;
import io.jenkins.plugins.kubernetesdelivery.steps.RunFacts;
import io.jenkins.plugins.kubernetesdelivery.steps.StepConsole;
import io.jenkins.plugins.kubernetesdelivery.steps.StepFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code rollbackTo}: {@code ReleaseEngine.rollback} under a saved {@code ReleaseHandle}, or its resume after a
 * restart. Keeps the step's arguments and the build's facts; the target and the client are obtained again on
 * resume.
 */
final class RollbackToStepExecution extends DeliveryStepExecution<ReleaseHandle> {

    private static final long serialVersionUID = 1L;

    /** The longest reason recorded (as the engine's text fields). */
    static final int MAX_REASON = 253;

    private final String app;
    private final String environment;
    private final String cluster;
    private final String namespace;
    private final String release;
    private final String reason;
    private final boolean allowSchemaChange;
    private final int timeout;
    private RunFacts facts;
    private transient Target target;

    RollbackToStepExecution(RollbackToStep step, StepContext context) {
        super(context, RollbackToStep.DescriptorImpl.FUNCTION);
        app = step.getApp();
        environment = step.getEnvironment();
        cluster = step.getCluster();
        namespace = step.getNamespace();
        release = step.getRelease();
        reason = step.getReason();
        allowSchemaChange = step.isAllowSchemaChange();
        timeout = step.getTimeout();
    }

    /** The target from the configuration, then every argument problem at once; nothing is sent to the cluster. */
    @Override
    protected void prepare() throws Exception {
        facts = services().runFacts(getContext());
        target = services().target(environment, cluster, namespace, facts.jobFullName());
        List<String> problems = new ArrayList<>();
        if (release.isEmpty()) {
            problems.add(Messages.RollbackToStepExecution_BlankRelease());
        }
        if (reason != null && (reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl))) {
            problems.add(Messages.RollbackToStepExecution_Reason(MAX_REASON, reason.length()));
        }
        if (timeout < 0) {
            problems.add(Messages.RollbackToStepExecution_Timeout(timeout));
        }
        // the namespace was checked with the configuration; the credentials' default is known only to the client
        for (String p : request(target.namespace() == null ? "default" : target.namespace())
                .validate()) {
            if (p.startsWith(RollbackRequest.BLANK_TARGET)) {
                continue; // said above, naming the step's parameter
            }
            problems.add(p.startsWith("target '") ? "release '" + p.substring("target '".length()) : p);
        }
        if (!problems.isEmpty()) {
            throw new AbortException(DeliveryException.invalid(
                            Messages.RollbackToStepExecution_Request(where(target.namespace())), problems)
                    .getMessage());
        }
    }

    @Override
    protected Object run(StepConsole console) throws Exception {
        String ns = target.namespace();
        try (KubernetesClient client = services().openClient(target, getContext())) {
            ns = ns != null ? ns : client.getNamespace();
            if (ns == null) {
                throw new AbortException(Messages.RollbackToStepExecution_NoNamespace(target));
            }
            ReleaseHandle handle = ReleaseHandle.create(ReleaseHandle.Kind.ROLLBACK, app, ns);
            console.line(Messages.RollbackToStepExecution_Start(where(ns), release, target));
            saveHandle(handle);
            RollbackResult r = new ReleaseEngine(client, console, Clock.systemUTC()).rollback(handle, request(ns));
            return succeeded(r, ns, console);
        } catch (Exception e) {
            failed(ns, e, console);
            throw e;
        }
    }

    @Override
    protected Object resume(ReleaseHandle handle, StepConsole console) throws Exception {
        try {
            target = services().target(environment, cluster, namespace, facts.jobFullName());
            try (KubernetesClient client = services().openClient(target, getContext())) {
                RollbackResult r = new ReleaseEngine(client, console, Clock.systemUTC())
                        .resume(handle, request(handle.namespace()));
                return succeeded(r, handle.namespace(), console);
            }
        } catch (Exception e) {
            failed(handle.namespace(), e, console);
            throw e;
        }
    }

    /** The engine's request; built the same way before and after a restart. */
    private RollbackRequest request(String ns) {
        return RollbackRequest.builder(app, ns)
                .target(release)
                .actor(facts.actor())
                .reason(reason)
                .allowSchemaChange(allowSchemaChange)
                .timeout(timeout > 0 ? Duration.ofMinutes(timeout) : null)
                .build();
    }

    private Map<String, Object> succeeded(RollbackResult r, String ns, StepConsole console) {
        if (r.unchanged()) {
            console.line(Messages.RollbackToStepExecution_AlreadyLive(where(ns), r.release()));
        } else {
            console.line(Messages.RollbackToStepExecution_Back(
                    where(ns),
                    r.release(),
                    r.from(),
                    r.cold() ? Messages.RollbackToStepExecution_Cold() : Messages.RollbackToStepExecution_Warm()));
        }
        record(
                record(ns)
                        .release(r.release())
                        .previous(r.from())
                        .outcome(DeliveryRecord.Outcome.SUCCEEDED)
                        .note(reason)
                        .build(),
                console);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("release", r.release());
        value.put("from", r.from());
        value.put("cold", r.cold());
        value.put("services", new ArrayList<>(r.services()));
        return value;
    }

    private void failed(@CheckForNull String ns, Throwable e, StepConsole console) {
        String why = StepFailures.of(e, console).getMessage();
        record(
                record(ns)
                        .release(release)
                        .outcome(DeliveryRecord.Outcome.FAILED)
                        .note(
                                why == null
                                        ? e.getClass().getSimpleName()
                                        : why.lines().findFirst().orElse(""))
                        .build(),
                console);
    }

    private DeliveryRecord.Builder record(@CheckForNull String ns) {
        return DeliveryRecord.of(DeliveryRecord.Kind.ROLLBACK, app)
                .environment(environment)
                .namespace(ns)
                .who(facts.actor());
    }

    /** {@code shop/web}, or {@code web} while the namespace is not known. */
    private String where(@CheckForNull String ns) {
        return ns == null ? app : ns + "/" + app;
    }
}
