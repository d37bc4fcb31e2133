package hudson.model;

import hudson.security.Permission;

/** The permissions the plugin's tests grant. Left out: the supertypes and every method. */
public interface Item {

    Permission READ = null;

    Permission BUILD = null;
}
