package hudson;

/** Only the type: tests receive it in {@code Builder.perform}. */
public abstract class Launcher {}
