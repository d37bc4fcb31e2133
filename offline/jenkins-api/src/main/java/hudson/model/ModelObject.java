package hudson.model;

/** Left out: {@code @StaplerAccessibleType}. */
public interface ModelObject {

    String getDisplayName();
}
