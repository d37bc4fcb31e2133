package hudson.model;

import java.io.Serializable;

/** Left out: {@code @ExportedBean} (its type lives only in the Jenkins repository). */
public abstract class ParameterValue implements Serializable {

    protected ParameterValue(String name, String description) {
        throw new UnsupportedOperationException();
    }
}
