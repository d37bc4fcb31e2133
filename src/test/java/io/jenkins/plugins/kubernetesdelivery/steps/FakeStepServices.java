package io.jenkins.plugins.kubernetesdelivery.steps;

import hudson.AbortException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubernetesdelivery.Environment;
import io.jenkins.plugins.kubernetesdelivery.KubernetesCluster;
import io.jenkins.plugins.kubernetesdelivery.Target;
import io.jenkins.plugins.kubernetesdelivery.TargetsForTests;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * {@link StepServices} for offline tests: hand it to an execution with
 * {@code new FakeStepContext().with(StepServices.class, services)}. The configuration is the lists given here,
 * resolved by the real {@code Targets}; clients come from {@link #clients}; records go to an in-memory
 * {@link DeliveryRunAction} ({@link #action()}). Counts how often clients were opened.
 */
public final class FakeStepServices implements StepServices {

    /** The build: job {@code shop/web/main} #12, started by alice, built from commit c0ffee… */
    public static final RunFacts FACTS = new RunFacts(
            "shop/web/main",
            "https://ci.example.com/job/shop/job/web/job/main/12/",
            "alice",
            "c0ffee0000000000000000000000000000000012");

    private final List<KubernetesCluster> clusters = new CopyOnWriteArrayList<>();
    private final List<Environment> environments = new CopyOnWriteArrayList<>();
    private final DeliveryRunAction action = new DeliveryRunAction();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile RunFacts facts = FACTS;
    private volatile Function<Target, KubernetesClient> clients = t -> {
        throw new AssertionError("this test opens no client");
    };
    private volatile Authentication authentication = new UsernamePasswordAuthenticationToken("alice", "n/a");

    public FakeStepServices cluster(KubernetesCluster c) {
        clusters.add(c);
        return this;
    }

    public FakeStepServices environment(Environment e) {
        environments.add(e);
        return this;
    }

    public FakeStepServices facts(RunFacts f) {
        facts = f;
        return this;
    }

    /** Where clients come from; each call must give a new client (the execution closes it). */
    public FakeStepServices clients(Function<Target, KubernetesClient> c) {
        clients = c;
        return this;
    }

    public FakeStepServices authentication(Authentication a) {
        authentication = a;
        return this;
    }

    /** The build's run action, as steps recorded into it. */
    public DeliveryRunAction action() {
        return action;
    }

    /** How many clients were opened. */
    public int clientsOpened() {
        return opened.get();
    }

    @Override
    public RunFacts runFacts(StepContext context) {
        return facts;
    }

    @Override
    public Target target(String environment, String cluster, String namespace, String jobFullName)
            throws AbortException {
        return TargetsForTests.resolve(clusters, environments, environment, cluster, namespace, jobFullName);
    }

    @Override
    public KubernetesClient openClient(Target target, StepContext context) {
        opened.incrementAndGet();
        return clients.apply(target);
    }

    @Override
    public void record(StepContext context, DeliveryRecord record) {
        action.add(record);
    }

    @Override
    public Authentication authentication(StepContext context) {
        return authentication;
    }
}
