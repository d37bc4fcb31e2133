package hudson.model;

/**
 * Real supertypes: {@code RunAction2} (kept as its supertype {@link Action}), {@code Iterable<ParameterValue>},
 * {@code QueueAction}, {@code EnvironmentContributingAction}, {@code LabelAssignmentAction} (left out).
 */
public class ParametersAction implements Action {

    public ParametersAction(ParameterValue... parameters) {
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
