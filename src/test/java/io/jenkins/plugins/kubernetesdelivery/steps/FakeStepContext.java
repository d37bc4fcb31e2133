package io.jenkins.plugins.kubernetesdelivery.steps;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A hand-written {@link StepContext} for running step executions without Jenkins (pure tests; it compiles against
 * the offline stand-ins and the real workflow-step-api alike).
 *
 * <ul>
 *   <li>Context objects by type ({@code Run}, {@code TaskListener}, {@code FilePath}, {@code EnvVars},
 *       {@code FlowNode}, ...): {@link #with}; {@link #get} answers null for a type nobody supplied, as Pipeline does
 *       outside {@code node {}}. {@code EnvVars} come back as a fresh copy on every call, as Pipeline computes them.</li>
 *   <li>The outcome: the first {@code onSuccess}/{@code onFailure} wins; {@link #completions()} counts every call
 *       (an execution must complete once). Wait for it with {@link #awaitSuccess}/{@link #awaitFailure}.</li>
 *   <li>{@link #saveState()} returns a completed future and counts the calls ({@link #saves()}).</li>
 *   <li>Restart: the context objects, the outcome and the counters are transient. Pickle an execution
 *       ({@link RiverPickles}), take the restored context from the restored execution's {@code getContext()}, supply
 *       the objects again (as Jenkins does after a restart) and call {@code onResume()}. The identity ({@link #equals})
 *       survives, as a real context's does.</li>
 * </ul>
 */
public final class FakeStepContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final String id;

    private transient Map<Class<?>, Object> objects;
    private transient CountDownLatch done;
    private transient volatile Outcome outcome;
    private transient AtomicInteger completions;
    private transient AtomicInteger saves;
    private transient volatile Result result;
    private transient volatile boolean ready;
    private transient ByteArrayOutputStream log;

    public FakeStepContext() {
        id = UUID.randomUUID().toString();
        init();
    }

    private void init() {
        objects = new LinkedHashMap<>();
        done = new CountDownLatch(1);
        completions = new AtomicInteger();
        saves = new AtomicInteger();
        ready = true;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        init();
    }

    /** Supplies a context object; {@code null} removes it. */
    public synchronized <T> FakeStepContext with(Class<T> type, T value) {
        if (value == null) {
            objects.remove(type);
        } else {
            objects.put(type, type.cast(value));
        }
        return this;
    }

    /** Supplies a {@link TaskListener} whose output {@link #log()} returns. */
    public FakeStepContext withLog() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        synchronized (this) {
            log = bytes;
        }
        return with(TaskListener.class, () -> stream);
    }

    /** What was written to the listener of {@link #withLog()}. */
    public synchronized String log() {
        if (log == null) {
            throw new IllegalStateException("no log: call withLog() first");
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized <T> T get(Class<T> key) {
        Object value = objects.get(key);
        if (value == null) {
            value = objects.values().stream()
                    .filter(key::isInstance)
                    .findFirst()
                    .orElse(null);
        }
        if (value instanceof EnvVars env) {
            value = new EnvVars(env);
        }
        return key.cast(value);
    }

    @Override
    public void onSuccess(Object result) {
        complete(new Outcome(result, null));
    }

    @Override
    public void onFailure(Throwable t) {
        complete(new Outcome(null, Objects.requireNonNull(t, "onFailure(null)")));
    }

    private synchronized void complete(Outcome o) {
        if (completions.incrementAndGet() == 1) {
            outcome = o;
            done.countDown();
        }
    }

    /** Waits for the first outcome; fails if it was a failure (the failure is the cause). */
    public Object awaitSuccess(Duration timeout) throws InterruptedException, TimeoutException {
        Outcome o = await(timeout);
        if (o.failure() != null) {
            throw new AssertionError("the step failed: " + o.failure(), o.failure());
        }
        return o.value();
    }

    /** Waits for the first outcome; fails if it was a success. */
    public Throwable awaitFailure(Duration timeout) throws InterruptedException, TimeoutException {
        Outcome o = await(timeout);
        if (o.failure() == null) {
            throw new AssertionError("the step succeeded with " + o.value());
        }
        return o.failure();
    }

    /** Waits for the first outcome. */
    public Outcome await(Duration timeout) throws InterruptedException, TimeoutException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("no onSuccess/onFailure within " + timeout);
        }
        return outcome;
    }

    /** Whether an outcome was recorded. */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** How many times {@code onSuccess}/{@code onFailure} were called (1 for a well-behaved execution). */
    public int completions() {
        return completions.get();
    }

    @Override
    public ListenableFuture<Void> saveState() {
        saves.incrementAndGet();
        return Futures.immediateVoidFuture();
    }

    /** How many times {@link #saveState()} was called since this context was made or restored. */
    public int saves() {
        return saves.get();
    }

    @Override
    public void setResult(Result r) {
        Result current = result;
        if (current == null || r.isWorseThan(current)) {
            result = r;
        }
    }

    /** The worst result set through {@link #setResult} (a step can only worsen a build), or null. */
    public Result result() {
        return result;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    public FakeStepContext ready(boolean ready) {
        this.ready = ready;
        return this;
    }

    @Override
    public BodyInvoker newBodyInvoker() throws IllegalStateException {
        throw new IllegalStateException("this step takes no body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeStepContext other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "FakeStepContext[" + id + "]";
    }

    /** One completion: a value (possibly null) or a failure. */
    public record Outcome(Object value, Throwable failure) {}
}
