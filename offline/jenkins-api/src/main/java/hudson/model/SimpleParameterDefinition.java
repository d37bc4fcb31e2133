package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Its abstract {@code createValue(String)} is left out: nothing here subclasses it. */
public abstract class SimpleParameterDefinition extends ParameterDefinition {

    protected SimpleParameterDefinition(@NonNull String name, @CheckForNull String description) {
        super(name);
    }
}
