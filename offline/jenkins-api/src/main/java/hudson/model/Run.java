package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException();
    }
}
