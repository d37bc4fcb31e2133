package org.jenkinsci.plugins.workflow.flow;

/** The type only. */
public abstract class FlowExecution {}
