package hudson.model;

public abstract class AbstractItem extends Actionable implements Item {}
