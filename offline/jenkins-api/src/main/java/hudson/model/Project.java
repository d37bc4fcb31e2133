package hudson.model;

import hudson.tasks.Builder;
import hudson.util.DescribableList;

/**
 * Real supertypes left out: {@code SCMTriggerItem}, {@code Saveable}, {@code ProjectWithMaven},
 * {@code BuildableItemWithBuildWrappers}.
 */
public abstract class Project<P extends Project<P, B>, B extends Build<P, B>>
    extends AbstractProject<P, B> {

    public DescribableList<Builder, Descriptor<Builder>> getBuildersList() {
        throw new UnsupportedOperationException();
    }
}
