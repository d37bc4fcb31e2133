package jenkins.model;

import java.io.Serializable;

/** Left out: {@code @ExportedBean}. The plugin subclasses it (e.g. an approval that timed out). */
public abstract class CauseOfInterruption implements Serializable {

    public abstract String getShortDescription();
}
