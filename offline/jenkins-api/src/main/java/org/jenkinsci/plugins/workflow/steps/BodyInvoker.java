package org.jenkinsci.plugins.workflow.steps;

/** The type only: none of the steps takes a body. */
public abstract class BodyInvoker {}
