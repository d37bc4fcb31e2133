package hudson.model;

import hudson.ExtensionPoint;

/**
 * Real supertypes: {@code ReconfigurableDescribable<JobProperty<?>>} (kept as its supertype {@link Describable}),
 * {@code BuildStep} (left out), {@link ExtensionPoint}.
 */
public abstract class JobProperty<J extends Job<?, ?>> implements Describable<JobProperty<?>>, ExtensionPoint {}
