package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.OptionalJobProperty;

public class ParametersDefinitionProperty extends OptionalJobProperty<Job<?, ?>>
        implements Action {

    public ParametersDefinitionProperty(@NonNull ParameterDefinition... parameterDefinitions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}
