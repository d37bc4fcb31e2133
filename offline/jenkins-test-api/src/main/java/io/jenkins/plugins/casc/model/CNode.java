package io.jenkins.plugins.casc.model;

/** The type only. */
public interface CNode extends Cloneable {}
