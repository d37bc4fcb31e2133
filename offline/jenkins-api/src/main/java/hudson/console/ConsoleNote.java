package hudson.console;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/** The type only. */
public abstract class ConsoleNote<T> implements Serializable, Describable<ConsoleNote<?>>, ExtensionPoint {}
