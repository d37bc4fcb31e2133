package jenkins.scm;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Job;
import hudson.model.Run;
import hudson.scm.ChangeLogSet;
import java.util.List;

/** The change sets of a build (a Pipeline's {@code WorkflowRun} implements it). */
public interface RunWithSCM<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT> & RunWithSCM<JobT, RunT>> {

    @NonNull
    List<ChangeLogSet<? extends ChangeLogSet.Entry>> getChangeSets();
}
