package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import jenkins.model.IdStrategy;

/** The id rules of the realm (tests install one). */
public abstract class SecurityRealm implements Describable<SecurityRealm>, ExtensionPoint {

    public IdStrategy getUserIdStrategy() {
        throw new UnsupportedOperationException();
    }

    public IdStrategy getGroupIdStrategy() {
        throw new UnsupportedOperationException();
    }
}
