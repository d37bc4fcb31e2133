package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Its only abstract member: tests implement it with a lambda over a {@link PrintStream}. */
public interface TaskListener extends SerializableOnlyOverRemoting {

    @NonNull
    PrintStream getLogger();
}
