package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;

/** The type only (tests install one). */
public abstract class SecurityRealm implements Describable<SecurityRealm>, ExtensionPoint {}
