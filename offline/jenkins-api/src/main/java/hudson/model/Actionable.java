package hudson.model;

public abstract class Actionable extends AbstractModelObject {}
