package io.jenkins.plugins.kubernetesdelivery.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The execution of a delivery step whose work is one blocking engine call that the engine can resume from a saved
 * handle ({@code H}: a {@code ReleaseHandle}, a {@code BakeHandle}, …). It holds no executor and no CPS thread, and
 * it survives a controller restart.
 *
 * <h2>What a family implements</h2>
 * <ul>
 *   <li>{@link #prepare()}: on the CPS VM thread, inside {@code start()}. Check the arguments, resolve the target
 *       and the build's facts through {@link #services()} (all in memory: no network, no agent I/O). Throw an
 *       {@link AbortException} for a refusal: the step fails at once.</li>
 *   <li>{@link #run(StepConsole)}: on a worker thread, under the build's authentication. Open a client
 *       ({@code services().openClient(…)}, closed in {@code finally}), build the engine request, call
 *       {@link #saveHandle} <em>before the first write to the cluster</em>, block in the engine with the console as
 *       its progress listener, print a final line saying what changed, {@link #record} it, and return the step's
 *       value (a plain {@code Map}).</li>
 *   <li>{@link #resume(Serializable, StepConsole)}: on a worker thread after a controller restart, when a handle had
 *       been saved: the engine's resume or re-attach with that handle, exactly once (the base calls it once per
 *       restart).</li>
 *   <li>{@link #cancel()} (optional): called by {@code stop()} while the worker runs, from any thread, right before
 *       the worker is interrupted; for work an interrupt alone may not end at once (a bake deletes its pod).</li>
 * </ul>
 * Non-transient fields of a family hold only the step's arguments and plain data (ids, {@link RunFacts}); clients,
 * targets, listeners and threads are transient and obtained again in {@code run}/{@code resume}.
 *
 * <h2>What the base guarantees</h2>
 * <ul>
 *   <li>Exactly one outcome: {@code onSuccess} with the value of {@code run}/{@code resume}, or {@code onFailure}
 *       with {@link StepFailures#of(Throwable, StepConsole)} of what it threw (an {@link AbortException} for an
 *       anticipated failure; secrets masked).</li>
 *   <li>{@code stop(cause)}: records the cause, calls {@link #cancel()} and interrupts the worker; the engine's
 *       clean-up runs (switch back, scale to 0, Lease given back, its lines printed) and the step then fails with
 *       {@code cause}, the engine's failure attached as suppressed. If no worker runs, it fails with {@code cause} at
 *       once. If the work finished anyway, the step still fails with {@code cause} and the console says so.</li>
 *   <li>{@code onResume()}: with a saved handle, {@code resume} runs on a worker; without one, the step fails with
 *       "the controller restarted before … changed anything in the cluster; nothing was changed; run it again"
 *       (the handle is saved before the first write, so nothing was written).</li>
 *   <li>{@code getStatus()} is the last console line; {@code blocksRestart()} is true only while the engine reports
 *       a Service switch in flight ({@code ProgressListener.switchInFlight}).</li>
 *   <li>Workers are daemon threads of a shared pool ({@link StepWorkers}), never interrupted for a shutdown.</li>
 * </ul>
 * Offline tests drive a real execution with a {@code FakeStepContext} that carries a {@link StepServices} of their
 * own; in Jenkins, {@link StepServices#of} answers Jenkins' services.
 *
 * @param <H> the engine handle saved before the first write: serializable, ids only, no secret
 */
public abstract class DeliveryStepExecution<H extends Serializable> extends StepExecution {

    private static final long serialVersionUID = 1L;

    private final String functionName;
    /** Saved (with {@code saveState()} completed) before the first write to the cluster; null until then. */
    private H handle;

    private transient Object lock;
    private transient AtomicBoolean done;
    /** The thread doing the work, while it does; guarded by {@link #lock}. */
    private transient Thread worker;

    private transient volatile Throwable stopCause;
    private transient volatile StepServices services;
    private transient volatile StepConsole console;

    /**
     * @param functionName the step's name ({@code rollbackTo}): the prefix of its console lines and its messages
     */
    protected DeliveryStepExecution(@NonNull StepContext context, @NonNull String functionName) {
        super(context);
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        init();
    }

    private void init() {
        lock = new Object();
        done = new AtomicBoolean();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        init();
    }

    /** CPS VM thread: checks the arguments, resolves what is resolved in memory; throws to refuse the step. */
    protected abstract void prepare() throws Exception;

    /** Worker thread: the work; {@link #saveHandle} before the first write; returns the step's value. */
    protected abstract Object run(StepConsole console) throws Exception;

    /** Worker thread after a restart: the engine's resume with the saved handle; returns the step's value. */
    protected abstract Object resume(H handle, StepConsole console) throws Exception;

    /** From {@code stop()}, while the worker runs, before it is interrupted. Does nothing by default. */
    protected void cancel() {}

    @Override
    public final boolean start() throws Exception {
        services = StepServices.of(getContext());
        prepare();
        submit(false);
        return false;
    }

    @Override
    public final void onResume() {
        if (handle == null) {
            complete(null, new AbortException(Messages.DeliveryStepExecution_RunAgain(functionName)));
            return;
        }
        try {
            services = StepServices.of(getContext());
        } catch (IOException | InterruptedException | RuntimeException e) {
            complete(null, e);
            return;
        }
        submit(true);
    }

    @Override
    public final void stop(@NonNull Throwable cause) {
        boolean running;
        synchronized (lock) {
            if (stopCause == null) {
                stopCause = cause;
            }
            running = worker != null;
        }
        if (!running) {
            complete(null, cause);
            return;
        }
        try {
            cancel();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        synchronized (lock) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }

    @Override
    public String getStatus() {
        StepConsole c = console;
        String last = c == null ? null : c.lastLine();
        return last != null ? last : handle == null ? "starting" : "resuming";
    }

    @Override
    public boolean blocksRestart() {
        StepConsole c = console;
        return c != null && c.isSwitchInFlight();
    }

    /**
     * Saves the engine's handle with the Pipeline's program state and waits until it is saved. Call it right before
     * the first write to the cluster: after a restart, {@code resume} gets it.
     */
    protected final void saveHandle(@NonNull H h) throws Exception {
        handle = Objects.requireNonNull(h, "handle");
        getContext().saveState().get();
    }

    /** The saved handle, or {@code null} before {@link #saveHandle}. */
    @CheckForNull
    protected final H handle() {
        return handle;
    }

    /** Jenkins' services for this step (or a test's); set before {@link #prepare()} and before a resume. */
    protected final StepServices services() {
        return services;
    }

    /** The step's name, as given to the constructor. */
    protected final String functionName() {
        return functionName;
    }

    /** Records {@code record} on the build; a failure to save it is printed, not thrown. */
    protected final void record(DeliveryRecord record, StepConsole out) {
        try {
            services.record(getContext(), record);
        } catch (IOException | RuntimeException e) {
            out.line(Messages.DeliveryStepExecution_NotRecorded(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.line(Messages.DeliveryStepExecution_NotRecorded(e.toString()));
        }
    }

    private void submit(boolean resuming) {
        StepWorkers.execute("kubernetes-delivery " + functionName + " " + getContext(), () -> work(resuming));
    }

    private void work(boolean resuming) {
        Throwable stoppedEarly;
        synchronized (lock) {
            stoppedEarly = stopCause;
            if (stoppedEarly == null) {
                worker = Thread.currentThread();
            }
        }
        if (stoppedEarly != null) {
            complete(null, stoppedEarly);
            return;
        }
        StepConsole c = null;
        Object value = null;
        Throwable failure = null;
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            if (listener == null) {
                throw new AbortException(Messages.DeliveryStepExecution_NoListener(functionName));
            }
            c = new StepConsole(functionName, listener);
            console = c;
            try (ACLContext ignored = ACL.as2(services.authentication(getContext()))) {
                value = resuming ? resume(handle, c) : run(c);
            }
        } catch (Throwable t) { // every outcome is reported, errors included, or the build would hang
            failure = t;
        } finally {
            synchronized (lock) {
                worker = null;
                Thread.interrupted(); // a late stop() must not reach the pool's next task
            }
        }
        finish(value, failure, c);
    }

    /** Reports the worker's outcome: a stop wins, with the work's failure attached. */
    private void finish(Object value, @CheckForNull Throwable failure, @CheckForNull StepConsole c) {
        Throwable stopped = stopCause;
        Throwable reported =
                failure == null ? null : c == null ? StepFailures.of(failure) : StepFailures.of(failure, c);
        if (stopped != null) {
            if (reported != null && reported != stopped) {
                stopped.addSuppressed(reported);
            } else if (reported == null && c != null) {
                c.line(Messages.DeliveryStepExecution_StoppedTooLate(functionName));
            }
            complete(null, stopped);
        } else {
            complete(value, reported);
        }
    }

    private void complete(Object value, @CheckForNull Throwable failure) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        if (failure == null) {
            getContext().onSuccess(value);
        } else {
            getContext().onFailure(failure);
        }
    }
}
