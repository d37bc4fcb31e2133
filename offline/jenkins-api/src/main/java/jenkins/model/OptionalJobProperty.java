package jenkins.model;

import hudson.model.Job;
import hudson.model.JobProperty;

public abstract class OptionalJobProperty<J extends Job<?, ?>> extends JobProperty<J> {}
