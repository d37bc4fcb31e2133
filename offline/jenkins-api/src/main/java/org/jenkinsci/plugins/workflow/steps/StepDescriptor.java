package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;

/**
 * Left out: the deprecated {@code newInstance}, {@code defineArguments}, {@code uninstantiate} (they need structs
 * types). {@code getDisplayName()} is inherited from {@link Descriptor}.
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    /** Trivial body, as the real one: the value of a single simple argument, else null. */
    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        if (namedArgs.size() == 1) {
            Object val = namedArgs.values().iterator().next();
            boolean simple = val instanceof CharSequence || val instanceof Number || val instanceof Boolean
                    || val instanceof Enum;
            return simple ? val.toString() : null;
        }
        return null;
    }
}
