package org.jenkinsci.plugins.workflow.flow;

import java.io.Serializable;

/** The type only: tests receive one in {@code TaskListenerDecorator.Factory.of} and do not look into it. */
public abstract class FlowExecutionOwner implements Serializable {}
