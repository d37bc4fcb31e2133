package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Trivial bodies where the real ones work without Jenkins: the persisted action list ({@link #getActions()}) and
 * {@link #addAction}. Looking actions up by type also consults {@code TransientActionFactory} extensions, which
 * needs a running Jenkins: here it searches the list and throws when nothing is there, where the real one would
 * fail without Jenkins.
 */
public abstract class Actionable extends AbstractModelObject {

    private volatile CopyOnWriteArrayList<Action> actions;

    @Deprecated
    @NonNull
    public List<Action> getActions() {
        synchronized (this) {
            if (actions == null) {
                actions = new CopyOnWriteArrayList<>();
            }
            return actions;
        }
    }

    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("stand-in: needs Jenkins (TransientActionFactory)");
    }

    public void addAction(@NonNull Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        getActions().add(a);
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : getActions()) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        throw new UnsupportedOperationException("stand-in: needs Jenkins (TransientActionFactory)");
    }
}
