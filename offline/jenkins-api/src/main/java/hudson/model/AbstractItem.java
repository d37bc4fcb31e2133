package hudson.model;

public abstract class AbstractItem extends Actionable implements Item {

    public final String getFullName() {
        throw new UnsupportedOperationException();
    }
}
