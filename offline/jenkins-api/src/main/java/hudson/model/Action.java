package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Every abstract member is declared: the plugin and its tests implement actions. */
public interface Action extends ModelObject {

    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
