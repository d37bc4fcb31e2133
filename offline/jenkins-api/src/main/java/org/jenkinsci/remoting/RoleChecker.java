package org.jenkinsci.remoting;

/** The type only. */
public abstract class RoleChecker {}
