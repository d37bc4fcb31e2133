package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.ACL;

public abstract class AbstractItem extends Actionable implements Item {

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException();
    }
}
