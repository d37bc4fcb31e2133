package hudson.model;

import jenkins.model.ParameterizedJobMixIn;

/** Real supertype left out: {@code LazyBuildMixIn.LazyLoadingJob}. */
@SuppressWarnings("rawtypes")
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R>
        implements BuildableItem, ParameterizedJobMixIn.ParameterizedJob<P, R> {}
