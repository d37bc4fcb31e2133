package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import java.io.Serializable;

/** Left out: {@code @ExportedBean} (its type lives only in the Jenkins repository). */
public abstract class ParameterDefinition implements
        Describable<ParameterDefinition>, ExtensionPoint, Serializable {

    protected ParameterDefinition(@NonNull String name) {
        throw new UnsupportedOperationException();
    }
}
