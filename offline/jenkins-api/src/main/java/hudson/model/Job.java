package hudson.model;

import hudson.ExtensionPoint;
import java.io.IOException;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint {

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException();
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException();
    }

    public void addProperty(JobProperty<? super JobT> jobProp) throws IOException {
        throw new UnsupportedOperationException();
    }
}
