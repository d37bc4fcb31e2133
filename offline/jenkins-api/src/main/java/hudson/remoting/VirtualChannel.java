package hudson.remoting;

/** The type only: a file callable receives one. */
public interface VirtualChannel {}
