package hudson.model;

/** The nested types that generic signatures of Pipeline jobs and the test harness need. */
public class Queue {

    public interface Task {}

    public interface Executable extends Runnable {}
}
