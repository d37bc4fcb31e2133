package hudson.model;

/** Trivial bodies, as the real ones. */
public abstract class InvisibleAction implements Action {

    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
