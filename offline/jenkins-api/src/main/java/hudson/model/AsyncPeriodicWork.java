package hudson.model;

import java.io.IOException;

public abstract class AsyncPeriodicWork extends PeriodicWork {

    public final String name;

    protected AsyncPeriodicWork(String name) {
        this.name = name;
    }

    @Override
    public final void doRun() {
        throw new UnsupportedOperationException();
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
